CREATE TABLE "data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdict_counts" (
	"judge_id" integer NOT NULL,
	"category" text NOT NULL,
	"model_a_id" integer NOT NULL,
	"model_b_id" integer NOT NULL,
	"outcome" "outcome_label" NOT NULL,
	"preference_a" double precision NOT NULL,
	"verdicts" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verdict_counts" ADD CONSTRAINT "verdict_counts_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_counts" ADD CONSTRAINT "verdict_counts_model_a_id_models_id_fk" FOREIGN KEY ("model_a_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_counts" ADD CONSTRAINT "verdict_counts_model_b_id_models_id_fk" FOREIGN KEY ("model_b_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "verdict_counts_key" ON "verdict_counts" USING btree ("judge_id","category","model_a_id","model_b_id","outcome","preference_a");--> statement-breakpoint
INSERT INTO "data_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "verdict_counts" ("judge_id", "category", "model_a_id", "model_b_id", "outcome", "preference_a", "verdicts")
SELECT v.judge_id, COALESCE(p.category, ''), v.model_a_id, v.model_b_id, v.outcome, COALESCE(v.preference_a, -1), count(*)
FROM "verdicts" v JOIN "prompts" p ON p.id = v.prompt_id
WHERE v.superseded_by IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;
