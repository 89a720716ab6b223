CREATE TABLE "core_field_text" (
	"entity" text NOT NULL,
	"record_id" text NOT NULL,
	"field" text NOT NULL,
	"text" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_field_text_entity_record_id_field_pk" PRIMARY KEY("entity","record_id","field")
);
