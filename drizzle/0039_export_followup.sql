CREATE TABLE "shops_export_followup" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"product_id" text NOT NULL,
	"step" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shops_export_followup" ADD CONSTRAINT "shops_export_followup_run_id_shops_export_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."shops_export_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_export_followup" ADD CONSTRAINT "shops_export_followup_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shops_export_followup_run_idx" ON "shops_export_followup" USING btree ("run_id","product_id","id");