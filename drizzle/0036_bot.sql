DROP INDEX "bot_update_pending_idx";--> statement-breakpoint
ALTER TABLE "bot_update" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "bot_update_pending_idx" ON "bot_update" USING btree ("update_id") WHERE handled_at is null;