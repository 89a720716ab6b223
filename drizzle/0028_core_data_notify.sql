-- The page cache's data version in memory (src/lib/server/web/page-cache.ts): the trigger that records
-- each writing transaction also notifies `birge_data_change`. PostgreSQL delivers a notification only
-- when its transaction commits, once per transaction for the same payload, to every listening process.
CREATE OR REPLACE FUNCTION core_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO core_data_change (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
	PERFORM pg_notify('birge_data_change', '');
	RETURN NULL;
END
$$;
