-- The message as the core understood it, when an elliptic follow-up ("一个月合多少") was read together
-- with the previous question; the next follow-up refers to this. NULL when it was read on its own.
ALTER TABLE messages ADD COLUMN understood TEXT;
