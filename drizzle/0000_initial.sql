CREATE TYPE "public"."answer_position" AS ENUM('A', 'B');--> statement-breakpoint
CREATE TYPE "public"."judge_kind" AS ENUM('HUMAN', 'LLM');--> statement-breakpoint
CREATE TYPE "public"."outcome_label" AS ENUM('A>>B', 'A>B', 'A=B', 'B>A', 'B>>A', 'BOTH_BAD');--> statement-breakpoint
CREATE TABLE "judges" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"kind" "judge_kind" NOT NULL,
	"model" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "models_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "prompts" (
	"id" serial PRIMARY KEY NOT NULL,
	"dedup_key" text NOT NULL,
	"external_id" text,
	"text" text,
	"category" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"prompt_id" integer NOT NULL,
	"model_id" integer NOT NULL,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"token_length" integer NOT NULL,
	"token_length_estimated" boolean NOT NULL,
	"char_length" integer NOT NULL,
	"header_count" integer NOT NULL,
	"list_item_count" integer NOT NULL,
	"bold_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"judge_id" integer NOT NULL,
	"prompt_id" integer NOT NULL,
	"model_a_id" integer NOT NULL,
	"model_b_id" integer NOT NULL,
	"response_a_id" integer,
	"response_b_id" integer,
	"outcome" "outcome_label" NOT NULL,
	"preference_a" double precision,
	"shown_first" "answer_position",
	"judgment" text,
	"idempotency_key" text,
	"provenance" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verdicts_distinct_models" CHECK ("verdicts"."model_a_id" <> "verdicts"."model_b_id"),
	CONSTRAINT "verdicts_preference_range" CHECK ("verdicts"."preference_a" IS NULL OR ("verdicts"."preference_a" >= 0 AND "verdicts"."preference_a" <= 1))
);
--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_model_a_id_models_id_fk" FOREIGN KEY ("model_a_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_model_b_id_models_id_fk" FOREIGN KEY ("model_b_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_response_a_id_responses_id_fk" FOREIGN KEY ("response_a_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_response_b_id_responses_id_fk" FOREIGN KEY ("response_b_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "judges_name_version_unique" ON "judges" USING btree ("name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "prompts_dedup_key_unique" ON "prompts" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "prompts_category_idx" ON "prompts" USING btree ("category");--> statement-breakpoint
CREATE INDEX "prompts_tags_idx" ON "prompts" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_prompt_model_text_unique" ON "responses" USING btree ("prompt_id","model_id","text_hash");--> statement-breakpoint
CREATE INDEX "responses_model_idx" ON "responses" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verdicts_judge_idempotency_unique" ON "verdicts" USING btree ("judge_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "verdicts_created_at_idx" ON "verdicts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "verdicts_judge_idx" ON "verdicts" USING btree ("judge_id","id");--> statement-breakpoint
CREATE INDEX "verdicts_prompt_idx" ON "verdicts" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "verdicts_model_a_idx" ON "verdicts" USING btree ("model_a_id","id");--> statement-breakpoint
CREATE INDEX "verdicts_model_b_idx" ON "verdicts" USING btree ("model_b_id","id");