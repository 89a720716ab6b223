ALTER TABLE "shops_export_result" ADD COLUMN "media" jsonb;--> statement-breakpoint
ALTER TABLE "shops_export_result" ADD COLUMN "price" jsonb;--> statement-breakpoint
ALTER TABLE "shops_marketplace_listing" ADD COLUMN "last_sent_price" jsonb;