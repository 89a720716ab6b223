-- Shops, marketplace export: the per-product results of each run are append-only (a new run adds its
-- own rows; the services have no update or delete). Products and shops are archived, never deleted.
CREATE OR REPLACE FUNCTION shops_export_result_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'shops_export_result is append-only: % refused', TG_OP
		USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER shops_export_result_no_change BEFORE UPDATE OR DELETE ON shops_export_result
	FOR EACH ROW EXECUTE FUNCTION shops_export_result_append_only();
--> statement-breakpoint
CREATE TRIGGER shops_export_result_no_truncate BEFORE TRUNCATE ON shops_export_result
	FOR EACH STATEMENT EXECUTE FUNCTION shops_export_result_append_only();
