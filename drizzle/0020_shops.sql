CREATE TABLE "shops_request" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"product_id" text NOT NULL,
	"variant_id" text,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"buyer_name" text,
	"contact_kind" text,
	"contact" text,
	"city" text,
	"message" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shops_photo" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"file_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"alt" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" jsonb NOT NULL,
	"og" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops_product" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"category" text NOT NULL,
	"materials" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"item_size" jsonb,
	"package_size" jsonb,
	"weight_g" integer,
	"price_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"availability" text NOT NULL,
	"lead_time_days" integer,
	"quantity" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"takedown" jsonb,
	"country" text NOT NULL,
	"region" text,
	"listed" boolean DEFAULT false NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_title_ru" text DEFAULT '' NOT NULL,
	"search_title_other" text DEFAULT '' NOT NULL,
	"search_body_ru" text DEFAULT '' NOT NULL,
	"search_body_other" text DEFAULT '' NOT NULL,
	"search_title_tsv" "tsvector" GENERATED ALWAYS AS ((to_tsvector('russian'::regconfig, search_title_ru) || to_tsvector('simple'::regconfig, search_title_other))) STORED,
	"search_tsv" "tsvector" GENERATED ALWAYS AS (strip(to_tsvector('russian'::regconfig, search_title_ru) || to_tsvector('simple'::regconfig, search_title_other) || to_tsvector('russian'::regconfig, search_body_ru) || to_tsvector('simple'::regconfig, search_body_other))) STORED
);
--> statement-breakpoint
CREATE TABLE "shops_report" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"reason" text NOT NULL,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "shops_request_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "shops_shop" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"story" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" text NOT NULL,
	"region" text,
	"district" text,
	"village" text,
	"currency" text NOT NULL,
	"crafts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"delivery" text[] DEFAULT '{}'::text[] NOT NULL,
	"payment_notes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"telegram" text,
	"organization_id" text,
	"takedown" jsonb,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_shop_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "shops_owner" (
	"shop_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_owner_shop_id_user_id_pk" PRIMARY KEY("shop_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "shops_word" (
	"word" text PRIMARY KEY NOT NULL,
	"skeleton" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops_variant" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"size" text,
	"colour" text,
	"sku" text NOT NULL,
	"barcode" text,
	"price_minor" integer,
	"quantity" integer
);
--> statement-breakpoint
ALTER TABLE "shops_request" ADD CONSTRAINT "shops_request_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_request" ADD CONSTRAINT "shops_request_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_photo" ADD CONSTRAINT "shops_photo_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_product" ADD CONSTRAINT "shops_product_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_report" ADD CONSTRAINT "shops_report_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_request_event" ADD CONSTRAINT "shops_request_event_request_id_shops_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."shops_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_owner" ADD CONSTRAINT "shops_owner_shop_id_shops_shop_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops_shop"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_owner" ADD CONSTRAINT "shops_owner_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops_variant" ADD CONSTRAINT "shops_variant_product_id_shops_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shops_product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shops_request_shop_idx" ON "shops_request" USING btree ("shop_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "shops_request_closed_idx" ON "shops_request" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "shops_photo_product_idx" ON "shops_photo" USING btree ("product_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_product_slug_idx" ON "shops_product" USING btree ("shop_id","slug");--> statement-breakpoint
CREATE INDEX "shops_product_tsv_idx" ON "shops_product" USING gin ("search_tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "shops_product_list_idx" ON "shops_product" USING btree ("listed","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "shops_product_price_idx" ON "shops_product" USING btree ("listed","price_minor","id");--> statement-breakpoint
CREATE INDEX "shops_product_filter_idx" ON "shops_product" USING btree ("listed","country","region","category");--> statement-breakpoint
CREATE INDEX "shops_report_open_idx" ON "shops_report" USING btree ("resolved_at","created_at");--> statement-breakpoint
CREATE INDEX "shops_request_event_request_idx" ON "shops_request_event" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "shops_shop_country_idx" ON "shops_shop" USING btree ("country","region");--> statement-breakpoint
CREATE INDEX "shops_owner_user_idx" ON "shops_owner" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "shops_word_skeleton_trgm_idx" ON "shops_word" USING gin ("skeleton" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "shops_variant_sku_idx" ON "shops_variant" USING btree ("shop_id","sku");--> statement-breakpoint
CREATE INDEX "shops_variant_product_idx" ON "shops_variant" USING btree ("product_id","position");