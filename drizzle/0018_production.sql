CREATE TABLE "production_assignment" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"network_id" text NOT NULL,
	"maker_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"due_date" date NOT NULL,
	"kit_id" text,
	"status" text DEFAULT 'offered' NOT NULL,
	"reported_pieces" integer DEFAULT 0 NOT NULL,
	"accepted_pieces" integer DEFAULT 0 NOT NULL,
	"pending_reports" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "production_assignment_qty" CHECK ("production_assignment"."quantity" > 0),
	CONSTRAINT "production_assignment_pieces" CHECK ("production_assignment"."accepted_pieces" >= 0 and "production_assignment"."reported_pieces" >= 0 and "production_assignment"."accepted_pieces" <= "production_assignment"."quantity")
);
--> statement-breakpoint
CREATE TABLE "production_balance" (
	"maker_id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"earned_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"balance_minor" bigint DEFAULT 0 NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "production_coordinator" (
	"network_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_coordinator_network_id_user_id_pk" PRIMARY KEY("network_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "production_invitation" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"code" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"uses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "production_invitation_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "production_kit" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"pattern_id" text NOT NULL,
	"name" text NOT NULL,
	"pieces" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_kit_pieces" CHECK ("production_kit"."pieces" > 0)
);
--> statement-breakpoint
CREATE TABLE "production_kit_line" (
	"kit_id" text NOT NULL,
	"material_id" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "production_kit_line_kit_id_material_id_pk" PRIMARY KEY("kit_id","material_id"),
	CONSTRAINT "production_kit_line_qty" CHECK ("production_kit_line"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "production_ledger_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"maker_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"report_id" text,
	"pieces" integer,
	"rate_minor" integer,
	"corrects" bigint,
	"method" text,
	"reference" text,
	"paid_on" date,
	"reason" text,
	"over_balance_reason" text,
	"at" timestamp with time zone NOT NULL,
	"by" text
);
--> statement-breakpoint
CREATE TABLE "production_maker" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"region_code" text,
	"village" text,
	"phone" text,
	"skills" text,
	"pieces_per_week" integer,
	"pay_method" text DEFAULT 'cash' NOT NULL,
	"pay_account" text,
	"sex" text,
	"disability" boolean,
	"stats_consent" boolean DEFAULT false NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_how" text NOT NULL,
	"consent_by" text,
	"withdrawn_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_maker_pieces" CHECK ("production_maker"."pieces_per_week" is null or "production_maker"."pieces_per_week" >= 0)
);
--> statement-breakpoint
CREATE TABLE "production_material" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_cost_minor" integer,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_material_on_hand" CHECK ("production_material"."on_hand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "production_network" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"region_code" text,
	"currency" text NOT NULL,
	"organization_id" text,
	"loss_tolerance_bp" integer DEFAULT 500 NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_network_tolerance" CHECK ("production_network"."loss_tolerance_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "production_order" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"pattern_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"due_date" date NOT NULL,
	"shop_product_ref" text,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_order_qty" CHECK ("production_order"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "production_pattern" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"instructions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"video_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"difficulty" text NOT NULL,
	"minutes_per_piece" integer NOT NULL,
	"default_rate_minor" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "production_pattern_file" (
	"pattern_id" text NOT NULL,
	"file_id" text NOT NULL,
	"kind" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_pattern_file_pattern_id_file_id_pk" PRIMARY KEY("pattern_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "production_rate" (
	"id" text PRIMARY KEY NOT NULL,
	"pattern_id" text NOT NULL,
	"maker_id" text,
	"rate_minor" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_rate_positive" CHECK ("production_rate"."rate_minor" >= 0),
	CONSTRAINT "production_rate_period" CHECK ("production_rate"."valid_to" is null or "production_rate"."valid_to" >= "production_rate"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "production_report" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"assignment_id" text NOT NULL,
	"maker_id" text NOT NULL,
	"pieces" integer NOT NULL,
	"photo_file_id" text,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"accepted_pieces" integer,
	"reject_reason" text,
	"rework_requested" boolean DEFAULT false NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "production_report_pieces" CHECK ("production_report"."pieces" > 0)
);
--> statement-breakpoint
CREATE TABLE "production_shipment" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"maker_id" text NOT NULL,
	"kit_id" text NOT NULL,
	"assignment_id" text,
	"kits" integer NOT NULL,
	"sent_on" date NOT NULL,
	"how" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "production_stock_movement" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"material_id" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"delta" integer NOT NULL,
	"maker_id" text,
	"assignment_id" text,
	"shipment_id" text,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by" text,
	CONSTRAINT "production_movement_qty" CHECK ("production_stock_movement"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "production_assignment" ADD CONSTRAINT "production_assignment_order_id_production_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."production_order"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_assignment" ADD CONSTRAINT "production_assignment_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_assignment" ADD CONSTRAINT "production_assignment_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_assignment" ADD CONSTRAINT "production_assignment_kit_id_production_kit_id_fk" FOREIGN KEY ("kit_id") REFERENCES "public"."production_kit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_balance" ADD CONSTRAINT "production_balance_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_balance" ADD CONSTRAINT "production_balance_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_coordinator" ADD CONSTRAINT "production_coordinator_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_coordinator" ADD CONSTRAINT "production_coordinator_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_invitation" ADD CONSTRAINT "production_invitation_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_invitation" ADD CONSTRAINT "production_invitation_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_kit" ADD CONSTRAINT "production_kit_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_kit" ADD CONSTRAINT "production_kit_pattern_id_production_pattern_id_fk" FOREIGN KEY ("pattern_id") REFERENCES "public"."production_pattern"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_kit_line" ADD CONSTRAINT "production_kit_line_kit_id_production_kit_id_fk" FOREIGN KEY ("kit_id") REFERENCES "public"."production_kit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_kit_line" ADD CONSTRAINT "production_kit_line_material_id_production_material_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."production_material"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_ledger_entry" ADD CONSTRAINT "production_ledger_entry_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_ledger_entry" ADD CONSTRAINT "production_ledger_entry_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_ledger_entry" ADD CONSTRAINT "production_ledger_entry_report_id_production_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."production_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_ledger_entry" ADD CONSTRAINT "production_ledger_entry_corrects_production_ledger_entry_id_fk" FOREIGN KEY ("corrects") REFERENCES "public"."production_ledger_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_maker" ADD CONSTRAINT "production_maker_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_maker" ADD CONSTRAINT "production_maker_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_maker" ADD CONSTRAINT "production_maker_consent_by_auth_user_id_fk" FOREIGN KEY ("consent_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_material" ADD CONSTRAINT "production_material_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_network" ADD CONSTRAINT "production_network_organization_id_accounts_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_network" ADD CONSTRAINT "production_network_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_order" ADD CONSTRAINT "production_order_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_order" ADD CONSTRAINT "production_order_pattern_id_production_pattern_id_fk" FOREIGN KEY ("pattern_id") REFERENCES "public"."production_pattern"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_order" ADD CONSTRAINT "production_order_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_pattern" ADD CONSTRAINT "production_pattern_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_pattern_file" ADD CONSTRAINT "production_pattern_file_pattern_id_production_pattern_id_fk" FOREIGN KEY ("pattern_id") REFERENCES "public"."production_pattern"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_rate" ADD CONSTRAINT "production_rate_pattern_id_production_pattern_id_fk" FOREIGN KEY ("pattern_id") REFERENCES "public"."production_pattern"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_rate" ADD CONSTRAINT "production_rate_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_report" ADD CONSTRAINT "production_report_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_report" ADD CONSTRAINT "production_report_assignment_id_production_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."production_assignment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_report" ADD CONSTRAINT "production_report_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_shipment" ADD CONSTRAINT "production_shipment_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_shipment" ADD CONSTRAINT "production_shipment_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_shipment" ADD CONSTRAINT "production_shipment_kit_id_production_kit_id_fk" FOREIGN KEY ("kit_id") REFERENCES "public"."production_kit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_shipment" ADD CONSTRAINT "production_shipment_assignment_id_production_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."production_assignment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_shipment" ADD CONSTRAINT "production_shipment_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_stock_movement" ADD CONSTRAINT "production_stock_movement_network_id_production_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."production_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_stock_movement" ADD CONSTRAINT "production_stock_movement_material_id_production_material_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."production_material"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_stock_movement" ADD CONSTRAINT "production_stock_movement_maker_id_production_maker_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."production_maker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_stock_movement" ADD CONSTRAINT "production_stock_movement_assignment_id_production_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."production_assignment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_stock_movement" ADD CONSTRAINT "production_stock_movement_shipment_id_production_shipment_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."production_shipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "production_assignment_order_idx" ON "production_assignment" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "production_assignment_maker_idx" ON "production_assignment" USING btree ("maker_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "production_assignment_uq" ON "production_assignment" USING btree ("order_id","maker_id");--> statement-breakpoint
CREATE INDEX "production_coordinator_user_idx" ON "production_coordinator" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "production_ledger_maker_idx" ON "production_ledger_entry" USING btree ("maker_id","at");--> statement-breakpoint
CREATE INDEX "production_ledger_network_idx" ON "production_ledger_entry" USING btree ("network_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "production_ledger_one_earning" ON "production_ledger_entry" USING btree ("report_id") WHERE "production_ledger_entry"."kind" = 'earning';--> statement-breakpoint
CREATE INDEX "production_maker_network_idx" ON "production_maker" USING btree ("network_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "production_maker_user_uq" ON "production_maker" USING btree ("network_id","user_id") WHERE "production_maker"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "production_order_network_idx" ON "production_order" USING btree ("network_id","status","due_date");--> statement-breakpoint
CREATE INDEX "production_rate_pattern_idx" ON "production_rate" USING btree ("pattern_id","maker_id","valid_from");--> statement-breakpoint
CREATE INDEX "production_report_queue_idx" ON "production_report" USING btree ("network_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "production_report_maker_idx" ON "production_report" USING btree ("maker_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "production_report_assignment_idx" ON "production_report" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "production_movement_material_idx" ON "production_stock_movement" USING btree ("material_id");--> statement-breakpoint
CREATE INDEX "production_movement_maker_idx" ON "production_stock_movement" USING btree ("maker_id","assignment_id");