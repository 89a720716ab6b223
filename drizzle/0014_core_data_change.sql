CREATE TABLE "core_data_change" (
	"txid" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
