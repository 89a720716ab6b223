-- Translation history (issue 18) is append-only: the workspace has no update or delete path; this
-- trigger is the second guard, refusing UPDATE, DELETE and TRUNCATE in the database.
CREATE OR REPLACE FUNCTION core_translation_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'core_translation_event is append-only: % refused', TG_OP
		USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS core_translation_event_no_change ON core_translation_event;
--> statement-breakpoint
CREATE TRIGGER core_translation_event_no_change BEFORE UPDATE OR DELETE ON core_translation_event
	FOR EACH ROW EXECUTE FUNCTION core_translation_event_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS core_translation_event_no_truncate ON core_translation_event;
--> statement-breakpoint
CREATE TRIGGER core_translation_event_no_truncate BEFORE TRUNCATE ON core_translation_event
	FOR EACH STATEMENT EXECUTE FUNCTION core_translation_event_append_only();
