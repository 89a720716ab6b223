-- Shops: a request's status history is append-only. The services have no update or delete path; this
-- trigger is the second guard, refusing UPDATE, DELETE and TRUNCATE in the database.
-- Product search vectors are kept in the row (storage MAIN, as programs does), so a scan that stops
-- after the first matches never reads the TOAST table. Self-contained and idempotent (PostgreSQL 15, PGlite).
CREATE OR REPLACE FUNCTION shops_request_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'shops_request_event is append-only: % refused; add a new status change instead', TG_OP
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_request_event_no_change ON shops_request_event;
--> statement-breakpoint
CREATE TRIGGER shops_request_event_no_change BEFORE UPDATE OR DELETE ON shops_request_event
	FOR EACH ROW EXECUTE FUNCTION shops_request_event_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_request_event_no_truncate ON shops_request_event;
--> statement-breakpoint
CREATE TRIGGER shops_request_event_no_truncate BEFORE TRUNCATE ON shops_request_event
	FOR EACH STATEMENT EXECUTE FUNCTION shops_request_event_append_only();
--> statement-breakpoint
ALTER TABLE shops_product ALTER COLUMN search_tsv SET STORAGE MAIN;
--> statement-breakpoint
ALTER TABLE shops_product ALTER COLUMN search_title_tsv SET STORAGE MAIN;
