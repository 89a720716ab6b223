-- search_tsv loses positions and weights (nothing reads them) and, with search_title_tsv, is kept in the row
-- (storage MAIN), so a search that reads rows until it has enough matches never fetches a vector from the
-- TOAST table. One ALTER, so the table is rewritten once with the new storage. Dropping the column dropped
-- its GIN index; it is created again.
ALTER TABLE "programs_program" drop column "search_tsv";--> statement-breakpoint
ALTER TABLE "programs_program" ADD COLUMN "search_tsv" "tsvector" GENERATED ALWAYS AS (strip(to_tsvector('russian'::regconfig, search_title_ru) || to_tsvector('simple'::regconfig, search_title_other) || to_tsvector('russian'::regconfig, search_body_ru) || to_tsvector('simple'::regconfig, search_body_other))) STORED, ALTER COLUMN "search_tsv" SET STORAGE MAIN, ALTER COLUMN "search_title_tsv" SET STORAGE MAIN;--> statement-breakpoint
CREATE INDEX "programs_program_tsv_idx" ON "programs_program" USING gin ("search_tsv") WITH (fastupdate=false);
