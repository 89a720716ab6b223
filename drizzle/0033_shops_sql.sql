-- Shops: a version number bumped by every write to shops_shop, shops_product, shops_photo (what a
-- catalogue card shows) and shops_word (its suggestions), so that catalogue results can be cached per version and never be stale
-- (the version is read in the same database: writes from any process, seeds and bulk loads included,
-- invalidate it). Self-contained and idempotent (PostgreSQL 15 and PGlite).
CREATE TABLE IF NOT EXISTS shops_version (
	id integer PRIMARY KEY NOT NULL,
	version bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO shops_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shops_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE shops_version SET version = version + 1 WHERE id = 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_shop_version ON shops_shop;
--> statement-breakpoint
CREATE TRIGGER shops_shop_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shops_shop
	FOR EACH STATEMENT EXECUTE FUNCTION shops_bump_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_product_version ON shops_product;
--> statement-breakpoint
CREATE TRIGGER shops_product_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shops_product
	FOR EACH STATEMENT EXECUTE FUNCTION shops_bump_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_photo_version ON shops_photo;
--> statement-breakpoint
CREATE TRIGGER shops_photo_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shops_photo
	FOR EACH STATEMENT EXECUTE FUNCTION shops_bump_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS shops_word_version ON shops_word;
--> statement-breakpoint
CREATE TRIGGER shops_word_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shops_word
	FOR EACH STATEMENT EXECUTE FUNCTION shops_bump_version();
