ALTER TABLE "verdicts" ADD COLUMN "response_a_inferred" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "verdicts" ADD COLUMN "response_b_inferred" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Verdicts stored before answers were linked on arrival get the model's one answer to the prompt now.
UPDATE "verdicts" v SET "response_a_id" = sole.id, "response_a_inferred" = true
FROM (SELECT prompt_id, model_id, min(id) AS id FROM "responses" GROUP BY prompt_id, model_id HAVING count(*) = 1) sole
WHERE v."response_a_id" IS NULL AND v."prompt_id" = sole.prompt_id AND v."model_a_id" = sole.model_id;--> statement-breakpoint
UPDATE "verdicts" v SET "response_b_id" = sole.id, "response_b_inferred" = true
FROM (SELECT prompt_id, model_id, min(id) AS id FROM "responses" GROUP BY prompt_id, model_id HAVING count(*) = 1) sole
WHERE v."response_b_id" IS NULL AND v."prompt_id" = sole.prompt_id AND v."model_b_id" = sole.model_id;--> statement-breakpoint
UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
