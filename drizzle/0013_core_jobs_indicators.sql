CREATE TABLE "core_indicator_snapshot" (
	"indicator" text NOT NULL,
	"period" text NOT NULL,
	"country" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"dimension_value" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"value" bigint,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_indicator_snapshot_indicator_period_country_dimension_dimension_value_pk" PRIMARY KEY("indicator","period","country","dimension","dimension_value")
);
--> statement-breakpoint
CREATE TABLE "core_job" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"keep_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programs_check_count" (
	"day" date NOT NULL,
	"country" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "programs_check_count_day_country_pk" PRIMARY KEY("day","country")
);
--> statement-breakpoint
ALTER TABLE "core_notification_outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "core_indicator_snapshot_period_idx" ON "core_indicator_snapshot" USING btree ("period","country");--> statement-breakpoint
CREATE UNIQUE INDEX "core_job_key_idx" ON "core_job" USING btree ("name","key");--> statement-breakpoint
CREATE INDEX "core_job_due_idx" ON "core_job" USING btree ("run_at") WHERE "core_job"."state" = 'queued';--> statement-breakpoint
CREATE INDEX "core_job_lease_idx" ON "core_job" USING btree ("locked_until") WHERE "core_job"."state" = 'running';