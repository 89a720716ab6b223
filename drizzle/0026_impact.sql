CREATE TABLE "impact_indicator" (
	"id" text PRIMARY KEY NOT NULL,
	"result_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"definition" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit" text NOT NULL,
	"numeric_type" text NOT NULL,
	"direction" text NOT NULL,
	"module_indicator" text,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"baseline_value" double precision,
	"baseline_period" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_reach" (
	"id" text PRIMARY KEY NOT NULL,
	"story_id" text,
	"campaign" text,
	"channel" text NOT NULL,
	"country" text NOT NULL,
	"period" text,
	"impressions" bigint,
	"reach" bigint,
	"engagements" bigint,
	"views" bigint,
	"estimate" boolean DEFAULT false NOT NULL,
	"as_reported" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_response" (
	"id" text PRIMARY KEY NOT NULL,
	"wave_id" text NOT NULL,
	"code_hash" text,
	"mode" text NOT NULL,
	"answers" jsonb NOT NULL,
	"entered_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_result" (
	"id" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_story" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"country" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"date" date NOT NULL,
	"link" text,
	"file_id" text,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"barrier" text,
	"shop_slug" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_survey" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_survey_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "impact_target" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"country" text NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_value" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"country" text NOT NULL,
	"total" double precision,
	"parts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" text NOT NULL,
	"evidence_url" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "impact_wave" (
	"id" text PRIMARY KEY NOT NULL,
	"survey_id" text NOT NULL,
	"country" text NOT NULL,
	"kind" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "impact_indicator" ADD CONSTRAINT "impact_indicator_result_id_impact_result_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."impact_result"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_reach" ADD CONSTRAINT "impact_reach_story_id_impact_story_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."impact_story"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_response" ADD CONSTRAINT "impact_response_wave_id_impact_wave_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."impact_wave"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_target" ADD CONSTRAINT "impact_target_indicator_id_impact_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."impact_indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_value" ADD CONSTRAINT "impact_value_indicator_id_impact_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."impact_indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_wave" ADD CONSTRAINT "impact_wave_survey_id_impact_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."impact_survey"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impact_reach_country_channel_idx" ON "impact_reach" USING btree ("country","channel");--> statement-breakpoint
CREATE INDEX "impact_response_wave_idx" ON "impact_response" USING btree ("wave_id");--> statement-breakpoint
CREATE INDEX "impact_story_country_date_idx" ON "impact_story" USING btree ("country","date");--> statement-breakpoint
CREATE UNIQUE INDEX "impact_target_unique" ON "impact_target" USING btree ("indicator_id","period","country");--> statement-breakpoint
CREATE INDEX "impact_value_lookup_idx" ON "impact_value" USING btree ("indicator_id","period","country","status");