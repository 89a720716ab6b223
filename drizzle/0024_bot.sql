CREATE TABLE "accounts_telegram" (
	"user_id" text PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_telegram_chat_id_unique" UNIQUE("chat_id")
);
--> statement-breakpoint
CREATE TABLE "accounts_telegram_code" (
	"code" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coalitions_follow" (
	"coalition_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_follow_coalition_id_user_id_pk" PRIMARY KEY("coalition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "bot_chat" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"locale" text,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_update" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"payload" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts_telegram" ADD CONSTRAINT "accounts_telegram_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_telegram_code" ADD CONSTRAINT "accounts_telegram_code_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_follow" ADD CONSTRAINT "coalitions_follow_coalition_id_coalitions_coalition_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions_coalition"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions_follow" ADD CONSTRAINT "coalitions_follow_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_update_pending_idx" ON "bot_update" USING btree ("received_at");