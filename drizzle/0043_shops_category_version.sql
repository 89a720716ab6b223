-- Birge's product category names are shown on catalogue cards, and the catalogue's result cache is
-- keyed by shops_version: a renamed or newly reviewed category name must bump it too.
DROP TRIGGER IF EXISTS shops_category_version ON shops_category;
--> statement-breakpoint
CREATE TRIGGER shops_category_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shops_category
	FOR EACH STATEMENT EXECUTE FUNCTION shops_bump_version();
