CREATE TABLE "shops_export_followup" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"product_id" text NOT NULL,
	"step" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops_shop_category_map" (
	"shop_id" text NOT NULL,
	"birge_category" text NOT NULL,
	"marketplace" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "shops_shop_category_map_shop_id_birge_category_marketplace_pk" PRIMARY KEY("shop_id","birge_category","marketplace")
);
--> statement-breakpoint
ALTER TABLE "shops_export_followup" ADD CONSTRAINT "shops_export_followup_run_id_shops_export_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."shops_export_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_export_followup" ADD CONSTRAINT "shops_export_followup_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_shop_category_map" ADD CONSTRAINT "shops_shop_category_map_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shops_export_followup_run_idx" ON "shops_export_followup" USING btree ("run_id","product_id","id");