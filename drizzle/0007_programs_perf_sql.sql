-- Programs: a version number bumped by every write to programs_program, so that the list page can
-- cache its counts per filter combination and still never show a stale count (the version is read
-- in the same database, so writes from any process, CSV imports and seeds included, invalidate it).
-- Self-contained and idempotent (PostgreSQL 15 and PGlite).
CREATE TABLE IF NOT EXISTS programs_version (
	id integer PRIMARY KEY NOT NULL,
	version bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO programs_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION programs_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE programs_version SET version = version + 1 WHERE id = 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS programs_program_version ON programs_program;
--> statement-breakpoint
CREATE TRIGGER programs_program_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programs_program
	FOR EACH STATEMENT EXECUTE FUNCTION programs_bump_version();
