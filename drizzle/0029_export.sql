CREATE TABLE "shops_category_map" (
	"birge_category" text NOT NULL,
	"marketplace" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_category_map_birge_category_marketplace_pk" PRIMARY KEY("birge_category","marketplace")
);
--> statement-breakpoint
CREATE TABLE "shops_export_result" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"product_id" text NOT NULL,
	"status" text NOT NULL,
	"offer_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops_export_run" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"marketplace" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"requested_by" text,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shops_marketplace_account" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"marketplace" text NOT NULL,
	"credentials" text,
	"currency" text,
	"kaspi_merchant_id" text,
	"kaspi_company" text,
	"kaspi_store_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"feed_token" text,
	"last_test" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_marketplace_account_feed_token_unique" UNIQUE("feed_token")
);
--> statement-breakpoint
CREATE TABLE "shops_marketplace_listing" (
	"product_id" text NOT NULL,
	"marketplace" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"prices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category_id" text,
	"type_id" integer,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"product_code" text,
	"vat" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_marketplace_listing_product_id_marketplace_pk" PRIMARY KEY("product_id","marketplace")
);
--> statement-breakpoint
ALTER TABLE "shops_export_result" ADD CONSTRAINT "shops_export_result_run_id_shops_export_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."shops_export_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_export_result" ADD CONSTRAINT "shops_export_result_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_export_run" ADD CONSTRAINT "shops_export_run_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_marketplace_account" ADD CONSTRAINT "shops_marketplace_account_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_marketplace_listing" ADD CONSTRAINT "shops_marketplace_listing_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shops_export_result_run_product_idx" ON "shops_export_result" USING btree ("run_id","product_id");--> statement-breakpoint
CREATE INDEX "shops_export_run_shop_idx" ON "shops_export_run" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_marketplace_account_shop_idx" ON "shops_marketplace_account" USING btree ("shop_id","marketplace");