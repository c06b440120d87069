DROP INDEX "verdicts_superseded_by_idx";--> statement-breakpoint
CREATE INDEX "verdicts_superseded_by_idx" ON "verdicts" USING btree ("superseded_by") WHERE "verdicts"."superseded_by" IS NOT NULL;