-- The data version behind the cache of rendered public pages (src/lib/server/web/page-cache.ts): a
-- statement trigger on every content table records the writing transaction once.
CREATE OR REPLACE FUNCTION core_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO core_data_change (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- Installs the trigger on every table of the public schema that lacks it, except housekeeping tables
-- that no public page shows (sessions, jobs, the outbox, rate limits, idempotency keys, logs). Run after
-- every migration (src/lib/server/db/index.ts), so new modules' tables are covered automatically.
CREATE OR REPLACE FUNCTION core_install_change_triggers() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	t record;
	n integer := 0;
BEGIN
	FOR t IN
		SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p')
			AND c.relname NOT IN ('core_data_change', 'core_seed_run', 'auth_verification')
			AND c.relname !~ '(_session|_rate_limit|_job|_outbox|_idempotency|_audit_log|_update)$'
			AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'core_data_change')
	LOOP
		EXECUTE format(
			'CREATE TRIGGER core_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION core_note_data_change()',
			t.relname
		);
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;
--> statement-breakpoint
SELECT core_install_change_triggers();
