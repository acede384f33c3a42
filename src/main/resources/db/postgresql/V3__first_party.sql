-- Which party a call rings first: 'operator' (the operator's phone, then the client) or 'client'.
ALTER TABLE calls ADD COLUMN first TEXT NOT NULL DEFAULT 'operator';
