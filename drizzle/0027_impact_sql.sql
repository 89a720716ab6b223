-- Impact: survey answers are append-only, and an approved or rejected value is frozen (a correction is a
-- new entry, approved again by a second coordinator). The services have no update or delete for either.
CREATE OR REPLACE FUNCTION impact_response_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'impact_response is append-only: % refused', TG_OP
		USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER impact_response_no_change BEFORE UPDATE OR DELETE ON impact_response
	FOR EACH ROW EXECUTE FUNCTION impact_response_append_only();
--> statement-breakpoint
CREATE TRIGGER impact_response_no_truncate BEFORE TRUNCATE ON impact_response
	FOR EACH STATEMENT EXECUTE FUNCTION impact_response_append_only();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION impact_value_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR OLD.status <> 'pending' THEN
		RAISE EXCEPTION 'impact_value is frozen once decided: % refused; enter a correcting value instead', TG_OP
			USING ERRCODE = 'restrict_violation';
	END IF;
	IF NEW.id <> OLD.id OR NEW.indicator_id <> OLD.indicator_id OR NEW.period <> OLD.period
		OR NEW.country <> OLD.country OR NEW.total IS DISTINCT FROM OLD.total OR NEW.parts <> OLD.parts
		OR NEW.evidence <> OLD.evidence OR NEW.entered_by <> OLD.entered_by THEN
		RAISE EXCEPTION 'impact_value: only the decision of a pending value may change'
			USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER impact_value_no_change BEFORE UPDATE OR DELETE ON impact_value
	FOR EACH ROW EXECUTE FUNCTION impact_value_frozen();
--> statement-breakpoint
CREATE TRIGGER impact_value_no_truncate BEFORE TRUNCATE ON impact_value
	FOR EACH STATEMENT EXECUTE FUNCTION impact_response_append_only();
