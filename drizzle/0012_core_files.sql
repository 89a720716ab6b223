CREATE TABLE "core_file" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_module" text NOT NULL,
	"owner_id" text,
	"visibility" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"name" text,
	"width" integer,
	"height" integer,
	"parent_id" text,
	"variant" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core_file" ADD CONSTRAINT "core_file_parent_id_core_file_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."core_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_file_sha256_idx" ON "core_file" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "core_file_owner_idx" ON "core_file" USING btree ("owner_module","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_file_variant_idx" ON "core_file" USING btree ("parent_id","variant");