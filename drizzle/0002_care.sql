CREATE TABLE "care_confirmation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"action" text DEFAULT 'confirmed' NOT NULL,
	"confirmed_on" date NOT NULL,
	"method" text,
	"by_user_id" text,
	"note" text,
	"phones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_service" (
	"id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"phones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hours" jsonb,
	"cost" jsonb,
	"languages" jsonb,
	"regions" jsonb,
	"operator" jsonb,
	"address" jsonb,
	"audience" jsonb,
	"offers" jsonb,
	"note" jsonb,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confidence" text NOT NULL,
	"state" text DEFAULT 'review' NOT NULL,
	"review_reason" text,
	"last_confirmed_on" date,
	"last_confirmed_by" text,
	"last_confirmed_method" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_service_published_confirmed" CHECK ("care_service"."state" <> 'published' or "care_service"."last_confirmed_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "care_confirmation" ADD CONSTRAINT "care_confirmation_service_id_care_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."care_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_confirmation_service_idx" ON "care_confirmation" USING btree ("service_id","id");--> statement-breakpoint
CREATE INDEX "care_service_country_idx" ON "care_service" USING btree ("country","state");--> statement-breakpoint
CREATE INDEX "care_service_queue_idx" ON "care_service" USING btree ("last_confirmed_on") WHERE "care_service"."state" <> 'retired';