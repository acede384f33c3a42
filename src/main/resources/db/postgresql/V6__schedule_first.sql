-- Which party a schedule's attempts ring first: 'operator' or 'client', as calls.first.
ALTER TABLE schedules ADD COLUMN first TEXT NOT NULL DEFAULT 'operator';
