-- Coalitions: the accountability timeline is append-only. The services have no update or delete
-- path; this trigger is the second guard, refusing UPDATE, DELETE and TRUNCATE in the database.
-- Self-contained and idempotent (PostgreSQL 15 and PGlite).
CREATE OR REPLACE FUNCTION coalitions_timeline_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'coalitions_timeline_entry is append-only: % refused; add a correcting entry instead', TG_OP
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS coalitions_timeline_no_change ON coalitions_timeline_entry;
--> statement-breakpoint
CREATE TRIGGER coalitions_timeline_no_change BEFORE UPDATE OR DELETE ON coalitions_timeline_entry
	FOR EACH ROW EXECUTE FUNCTION coalitions_timeline_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS coalitions_timeline_no_truncate ON coalitions_timeline_entry;
--> statement-breakpoint
CREATE TRIGGER coalitions_timeline_no_truncate BEFORE TRUNCATE ON coalitions_timeline_entry
	FOR EACH STATEMENT EXECUTE FUNCTION coalitions_timeline_append_only();
