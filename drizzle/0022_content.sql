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
DROP INDEX "accounts_role_grant_unique_idx";--> statement-breakpoint
ALTER TABLE "accounts_role_grant" ADD COLUMN "locale" text;--> statement-breakpoint
CREATE INDEX "core_translation_event_field_idx" ON "core_translation_event" USING btree ("entity","record_id","field","locale","id");--> statement-breakpoint
CREATE INDEX "core_translation_event_at_idx" ON "core_translation_event" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_role_grant_unique_idx" ON "accounts_role_grant" USING btree ("user_id","role",coalesce("country", ''),coalesce("organization_id", ''),coalesce("locale", ''));