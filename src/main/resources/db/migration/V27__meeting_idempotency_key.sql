-- The Idempotency-Key of the POST /api/meetings that booked a meeting: the same request sent again gets this meeting
-- back instead of a 409. Unique, so two copies of one request cannot both book.
ALTER TABLE meeting ADD COLUMN idempotency_key TEXT UNIQUE;
