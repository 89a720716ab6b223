CREATE TABLE "coalitions_agenda" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_agenda_version" (
	"id" text PRIMARY KEY NOT NULL,
	"agenda_id" text NOT NULL,
	"number" integer NOT NULL,
	"note" text,
	"snapshot" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_coalition" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"country" text NOT NULL,
	"name" jsonb NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"founded" jsonb,
	"reported" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"leadership" jsonb,
	"partner_of" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_coalition_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "coalitions_comment" (
	"id" text PRIMARY KEY NOT NULL,
	"recommendation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"author_name" text NOT NULL,
	"organization_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_council" (
	"coalition_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_council_coalition_id_user_id_pk" PRIMARY KEY("coalition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coalitions_endorsement" (
	"recommendation_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_endorsement_recommendation_id_organization_id_pk" PRIMARY KEY("recommendation_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "coalitions_file" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_initiative" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_member" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"organization_id" text,
	"proposed_organization" jsonb,
	"status" text NOT NULL,
	"org_type" text NOT NULL,
	"region" text,
	"women_represented" integer,
	"barriers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"message" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coalitions_proposer" (
	"recommendation_id" text NOT NULL,
	"organization_id" text NOT NULL,
	CONSTRAINT "coalitions_proposer_recommendation_id_organization_id_pk" PRIMARY KEY("recommendation_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "coalitions_recommendation" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"agenda_id" text,
	"kind" text NOT NULL,
	"barrier" text NOT NULL,
	"title" jsonb NOT NULL,
	"text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_body" text,
	"status" text NOT NULL,
	"progress" integer,
	"aggregate_total" integer,
	"aggregate_adopted" integer,
	"source_key" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coalitions_source" (
	"key" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "coalitions_timeline_entry" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"recommendation_id" text NOT NULL,
	"date" text,
	"status" text NOT NULL,
	"reported_status" text,
	"progress" integer,
	"aggregate_total" integer,
	"aggregate_adopted" integer,
	"note" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evidence_url" text,
	"evidence_file_id" text,
	"evidence_source_key" text,
	"instrument" jsonb,
	"corrects_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_timeline_entry_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "coalitions_agenda" ADD CONSTRAINT "coalitions_agenda_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_agenda_version" ADD CONSTRAINT "coalitions_agenda_version_agenda_id_coalitions_agenda_id_fk" FOREIGN KEY ("agenda_id") REFERENCES "public"."coalitions_agenda"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_comment" ADD CONSTRAINT "coalitions_comment_recommendation_id_coalitions_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."coalitions_recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_council" ADD CONSTRAINT "coalitions_council_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_endorsement" ADD CONSTRAINT "coalitions_endorsement_recommendation_id_coalitions_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."coalitions_recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_endorsement" ADD CONSTRAINT "coalitions_endorsement_organization_id_accounts_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_file" ADD CONSTRAINT "coalitions_file_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_member" ADD CONSTRAINT "coalitions_member_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_member" ADD CONSTRAINT "coalitions_member_organization_id_accounts_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_proposer" ADD CONSTRAINT "coalitions_proposer_recommendation_id_coalitions_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."coalitions_recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_proposer" ADD CONSTRAINT "coalitions_proposer_organization_id_accounts_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_recommendation" ADD CONSTRAINT "coalitions_recommendation_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_recommendation" ADD CONSTRAINT "coalitions_recommendation_agenda_id_coalitions_agenda_id_fk" FOREIGN KEY ("agenda_id") REFERENCES "public"."coalitions_agenda"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_timeline_entry" ADD CONSTRAINT "coalitions_timeline_entry_recommendation_id_coalitions_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."coalitions_recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_timeline_entry" ADD CONSTRAINT "coalitions_timeline_entry_evidence_file_id_coalitions_file_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."coalitions_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_timeline_entry" ADD CONSTRAINT "coalitions_timeline_entry_evidence_source_key_coalitions_source_key_fk" FOREIGN KEY ("evidence_source_key") REFERENCES "public"."coalitions_source"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_timeline_entry" ADD CONSTRAINT "coalitions_timeline_entry_corrects_id_coalitions_timeline_entry_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."coalitions_timeline_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coalitions_agenda_version_number_idx" ON "coalitions_agenda_version" USING btree ("agenda_id","number");--> statement-breakpoint
CREATE INDEX "coalitions_coalition_country_idx" ON "coalitions_coalition" USING btree ("country");--> statement-breakpoint
CREATE INDEX "coalitions_comment_rec_idx" ON "coalitions_comment" USING btree ("recommendation_id","created_at");--> statement-breakpoint
CREATE INDEX "coalitions_council_user_idx" ON "coalitions_council" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "coalitions_member_coalition_idx" ON "coalitions_member" USING btree ("coalition_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "coalitions_member_open_idx" ON "coalitions_member" USING btree ("coalition_id","organization_id") WHERE "coalitions_member"."status" in ('pending', 'member') and "coalitions_member"."organization_id" is not null;--> statement-breakpoint
CREATE INDEX "coalitions_recommendation_coalition_idx" ON "coalitions_recommendation" USING btree ("coalition_id","barrier");--> statement-breakpoint
CREATE INDEX "coalitions_timeline_rec_idx" ON "coalitions_timeline_entry" USING btree ("recommendation_id","seq");