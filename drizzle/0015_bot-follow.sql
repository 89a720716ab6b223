CREATE TABLE "coalitions_follow" (
	"coalition_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_follow_coalition_id_user_id_pk" PRIMARY KEY("coalition_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "coalitions_follow" ADD CONSTRAINT "coalitions_follow_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_follow" ADD CONSTRAINT "coalitions_follow_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;