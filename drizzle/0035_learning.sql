ALTER TABLE "learning_quiz" ADD COLUMN "pass_percent" integer;--> statement-breakpoint
ALTER TABLE "learning_quiz" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;