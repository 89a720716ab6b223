ALTER TABLE "production_maker" ADD COLUMN "district_code" text;--> statement-breakpoint
CREATE INDEX "production_assignment_network_idx" ON "production_assignment" USING btree ("network_id","order_id");--> statement-breakpoint
CREATE INDEX "production_balance_network_idx" ON "production_balance" USING btree ("network_id");