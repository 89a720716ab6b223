CREATE TABLE "core_translation_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"record_id" text NOT NULL,
	"field" text NOT NULL,
	"locale" text NOT NULL,
	"action" text NOT NULL,
	"before" text,
	"after" text,
	"status" text NOT NULL,
	"by_user_id" text,
	"meta" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "core_translation_event_field_idx" ON "core_translation_event" USING btree ("entity","record_id","field","locale","id");--> statement-breakpoint
CREATE INDEX "core_translation_event_at_idx" ON "core_translation_event" USING btree ("at");