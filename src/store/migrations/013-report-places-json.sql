-- A report's places were stored joined by "|" ("东头|路灯"): now a JSON array of strings ('["东头","路灯"]'),
-- NULL when the report names none. The column is renamed so that no reader mistakes one form for the other.
ALTER TABLE feedback RENAME COLUMN place TO places;

-- "|" never occurs inside a place (places are Chinese words and numbers matched in the text). Backslashes and
-- quotes are escaped so that any stored text becomes valid JSON; empty segments ("a||b") are dropped; the order is kept.
UPDATE feedback
SET places = '["' || replace(replace(replace(places, '\', '\\'), '"', '\"'), '|', '","') || '"]'
WHERE places IS NOT NULL;

UPDATE feedback
SET places = (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE json_group_array(value) END
              FROM (SELECT value FROM json_each(feedback.places) WHERE value != '' ORDER BY key))
WHERE places IS NOT NULL;
