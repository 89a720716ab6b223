CREATE TABLE "learning_certificate" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"user_id" text NOT NULL,
	"course_id" text NOT NULL,
	"name" text NOT NULL,
	"course_title" jsonb NOT NULL,
	"locale" text NOT NULL,
	"country" text,
	"region" text,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "learning_course" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"level" text DEFAULT 'beginner' NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"status" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"country_specific" boolean DEFAULT false NOT NULL,
	"publication" text DEFAULT 'draft' NOT NULL,
	"pass_percent" integer DEFAULT 70 NOT NULL,
	"organization_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_module" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_learner" (
	"user_id" text PRIMARY KEY NOT NULL,
	"country" text,
	"region" text,
	"last_lesson_id" text,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_lesson" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"module_id" text NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 5 NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"audio" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"video_url" text,
	"source_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_lesson_progress" (
	"user_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"course_id" text NOT NULL,
	"lesson_version" integer NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"offline" boolean DEFAULT false NOT NULL,
	CONSTRAINT "learning_lesson_progress_user_id_lesson_id_pk" PRIMARY KEY("user_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "learning_quiz" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_quiz_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"quiz_id" text NOT NULL,
	"course_id" text NOT NULL,
	"quiz_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score" real NOT NULL,
	"total" integer NOT NULL,
	"passed" boolean NOT NULL,
	"client_id" text NOT NULL,
	"offline" boolean DEFAULT false NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning_certificate" ADD CONSTRAINT "learning_certificate_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_certificate" ADD CONSTRAINT "learning_certificate_course_id_learning_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."learning_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_course" ADD CONSTRAINT "learning_course_organization_id_accounts_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_module" ADD CONSTRAINT "learning_module_course_id_learning_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."learning_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_learner" ADD CONSTRAINT "learning_learner_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_learner" ADD CONSTRAINT "learning_learner_last_lesson_id_learning_lesson_id_fk" FOREIGN KEY ("last_lesson_id") REFERENCES "public"."learning_lesson"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_lesson" ADD CONSTRAINT "learning_lesson_course_id_learning_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."learning_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_lesson" ADD CONSTRAINT "learning_lesson_module_id_learning_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."learning_module"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_lesson_progress" ADD CONSTRAINT "learning_lesson_progress_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_lesson_progress" ADD CONSTRAINT "learning_lesson_progress_lesson_id_learning_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."learning_lesson"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_lesson_progress" ADD CONSTRAINT "learning_lesson_progress_course_id_learning_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."learning_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_quiz" ADD CONSTRAINT "learning_quiz_course_id_learning_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."learning_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_quiz" ADD CONSTRAINT "learning_quiz_lesson_id_learning_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."learning_lesson"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_quiz_attempt" ADD CONSTRAINT "learning_quiz_attempt_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_quiz_attempt" ADD CONSTRAINT "learning_quiz_attempt_quiz_id_learning_quiz_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."learning_quiz"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "learning_certificate_code_idx" ON "learning_certificate" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_certificate_user_course_idx" ON "learning_certificate" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_course_slug_idx" ON "learning_course" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "learning_module_course_idx" ON "learning_module" USING btree ("course_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_lesson_slug_idx" ON "learning_lesson" USING btree ("course_id","slug");--> statement-breakpoint
CREATE INDEX "learning_lesson_course_idx" ON "learning_lesson" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "learning_lesson_progress_course_idx" ON "learning_lesson_progress" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_quiz_slug_idx" ON "learning_quiz" USING btree ("course_id","slug");--> statement-breakpoint
CREATE INDEX "learning_quiz_lesson_idx" ON "learning_quiz" USING btree ("lesson_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_quiz_attempt_client_idx" ON "learning_quiz_attempt" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "learning_quiz_attempt_quiz_idx" ON "learning_quiz_attempt" USING btree ("user_id","quiz_id");