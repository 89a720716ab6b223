CREATE TABLE "programs_profile" (
	"user_id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"feed_token" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_profile_feed_token_unique" UNIQUE("feed_token")
);
--> statement-breakpoint
CREATE TABLE "programs_program" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"kinds" text[] NOT NULL,
	"operator" text,
	"country" text NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"women_specific" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"terms" jsonb NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"eligibility_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"uptake" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deadlines" jsonb DEFAULT '{"rolling":false,"dates":[]}'::jsonb NOT NULL,
	"last_deadline" date,
	"how_to_apply" jsonb DEFAULT '{"steps":[],"documents":[]}'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"official_url" text,
	"verification" text DEFAULT 'unverified' NOT NULL,
	"reviewed_on" date,
	"reviewed_by" text,
	"publication" text DEFAULT 'draft' NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_title_ru" text DEFAULT '' NOT NULL,
	"search_title_other" text DEFAULT '' NOT NULL,
	"search_body_ru" text DEFAULT '' NOT NULL,
	"search_body_other" text DEFAULT '' NOT NULL,
	"search_title_tsv" "tsvector" GENERATED ALWAYS AS ((to_tsvector('russian'::regconfig, search_title_ru) || to_tsvector('simple'::regconfig, search_title_other))) STORED,
	"search_tsv" "tsvector" GENERATED ALWAYS AS ((setweight(to_tsvector('russian'::regconfig, search_title_ru), 'A') || setweight(to_tsvector('simple'::regconfig, search_title_other), 'A') || setweight(to_tsvector('russian'::regconfig, search_body_ru), 'C') || setweight(to_tsvector('simple'::regconfig, search_body_other), 'C'))) STORED,
	CONSTRAINT "programs_program_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "programs_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "programs_saved" (
	"user_id" text NOT NULL,
	"program_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_saved_user_id_program_id_pk" PRIMARY KEY("user_id","program_id")
);
--> statement-breakpoint
CREATE TABLE "programs_word" (
	"word" text PRIMARY KEY NOT NULL,
	"skeleton" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs_profile" ADD CONSTRAINT "programs_profile_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs_history" ADD CONSTRAINT "programs_history_program_id_programs_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs_program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs_saved" ADD CONSTRAINT "programs_saved_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs_saved" ADD CONSTRAINT "programs_saved_program_id_programs_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs_program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programs_program_tsv_idx" ON "programs_program" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "programs_program_country_idx" ON "programs_program" USING btree ("country","publication");--> statement-breakpoint
CREATE INDEX "programs_program_list_idx" ON "programs_program" USING btree ("publication","reviewed_on" DESC NULLS LAST,"slug");--> statement-breakpoint
CREATE INDEX "programs_program_countries_idx" ON "programs_program" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "programs_program_kinds_idx" ON "programs_program" USING gin ("kinds");--> statement-breakpoint
CREATE INDEX "programs_history_program_idx" ON "programs_history" USING btree ("program_id","id");--> statement-breakpoint
CREATE INDEX "programs_saved_program_idx" ON "programs_saved" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "programs_word_skeleton_trgm_idx" ON "programs_word" USING gin ("skeleton" gin_trgm_ops);