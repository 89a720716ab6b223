CREATE TABLE "programs_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "programs_program_tsv_idx";--> statement-breakpoint
DROP INDEX "programs_word_skeleton_trgm_idx";--> statement-breakpoint
CREATE INDEX "programs_program_tsv_idx" ON "programs_program" USING gin ("search_tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "programs_word_skeleton_trgm_idx" ON "programs_word" USING gin ("skeleton" gin_trgm_ops) WITH (fastupdate=false);