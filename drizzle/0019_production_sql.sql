-- Production: the earnings ledger and the stock movements are append-only. The services have no update
-- or delete path; these triggers are the second guard, refusing UPDATE, DELETE and TRUNCATE in the
-- database (a correction is a new entry naming the one it corrects). PostgreSQL 15 and PGlite.
CREATE OR REPLACE FUNCTION production_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused; add a correcting entry instead', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS production_ledger_no_change ON production_ledger_entry;
--> statement-breakpoint
CREATE TRIGGER production_ledger_no_change BEFORE UPDATE OR DELETE ON production_ledger_entry
	FOR EACH ROW EXECUTE FUNCTION production_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS production_ledger_no_truncate ON production_ledger_entry;
--> statement-breakpoint
CREATE TRIGGER production_ledger_no_truncate BEFORE TRUNCATE ON production_ledger_entry
	FOR EACH STATEMENT EXECUTE FUNCTION production_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS production_movement_no_change ON production_stock_movement;
--> statement-breakpoint
CREATE TRIGGER production_movement_no_change BEFORE UPDATE OR DELETE ON production_stock_movement
	FOR EACH ROW EXECUTE FUNCTION production_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS production_movement_no_truncate ON production_stock_movement;
--> statement-breakpoint
CREATE TRIGGER production_movement_no_truncate BEFORE TRUNCATE ON production_stock_movement
	FOR EACH STATEMENT EXECUTE FUNCTION production_append_only();
