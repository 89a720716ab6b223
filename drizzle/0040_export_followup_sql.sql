-- Shops, marketplace export: what followed a Wildberries result (photos sent once its nmID came, the prices
-- task's outcome) is append-only like the results themselves; the newest row per step is its outcome.
CREATE OR REPLACE FUNCTION shops_export_followup_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'shops_export_followup is append-only: % refused', TG_OP
		USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER shops_export_followup_no_change BEFORE UPDATE OR DELETE ON shops_export_followup
	FOR EACH ROW EXECUTE FUNCTION shops_export_followup_append_only();
--> statement-breakpoint
CREATE TRIGGER shops_export_followup_no_truncate BEFORE TRUNCATE ON shops_export_followup
	FOR EACH STATEMENT EXECUTE FUNCTION shops_export_followup_append_only();
