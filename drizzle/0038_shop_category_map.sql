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
ALTER TABLE "shops_shop_category_map" ADD CONSTRAINT "shops_shop_category_map_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;