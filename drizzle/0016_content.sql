DROP INDEX "accounts_role_grant_unique_idx";--> statement-breakpoint
ALTER TABLE "accounts_role_grant" ADD COLUMN "locale" text;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_role_grant_unique_idx" ON "accounts_role_grant" USING btree ("user_id","role",coalesce("country", ''),coalesce("organization_id", ''),coalesce("locale", ''));