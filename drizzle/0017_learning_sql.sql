-- Learning: quiz attempts are append-only. The services have no update or delete path; this trigger is
-- the second guard, refusing UPDATE, DELETE and TRUNCATE in the database (a learner's account deletion
-- cascades through the foreign key, which the trigger lets pass: see the function).
-- Self-contained and idempotent (PostgreSQL 15 and PGlite).
CREATE OR REPLACE FUNCTION learning_attempt_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	-- A cascade from deleting her account (or the quiz) runs at nesting depth > 1 and is allowed.
	IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'learning_quiz_attempt is append-only: % refused', TG_OP
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_attempt_no_change ON learning_quiz_attempt;
--> statement-breakpoint
CREATE TRIGGER learning_attempt_no_change BEFORE UPDATE OR DELETE ON learning_quiz_attempt
	FOR EACH ROW EXECUTE FUNCTION learning_attempt_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS learning_attempt_no_truncate ON learning_quiz_attempt;
--> statement-breakpoint
CREATE TRIGGER learning_attempt_no_truncate BEFORE TRUNCATE ON learning_quiz_attempt
	FOR EACH STATEMENT EXECUTE FUNCTION learning_attempt_append_only();
