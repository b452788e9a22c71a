-- No query filters the conversation log by intent or date alone; these indexes only cost a page
-- write on every message. (LLM history uses messages_conversation.)
DROP INDEX IF EXISTS messages_intent;
DROP INDEX IF EXISTS messages_created;
