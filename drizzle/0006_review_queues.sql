CREATE TYPE "public"."review_queue_status" AS ENUM('OPEN', 'PAUSED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."review_queue_strategy" AS ENUM('UNIFORM', 'ADAPTIVE');--> statement-breakpoint
CREATE TABLE "review_claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"reviewer" text NOT NULL,
	"api_key_id" integer,
	"claimed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"voted_at" timestamp with time zone,
	"vote_key" text,
	"outcome" "outcome_label",
	"verdict_id" bigint
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"queue_id" integer NOT NULL,
	"position" integer NOT NULL,
	"prompt_id" integer NOT NULL,
	"model_a_id" integer NOT NULL,
	"model_b_id" integer NOT NULL,
	"response_a_id" integer NOT NULL,
	"response_b_id" integer NOT NULL,
	"shown_first" "answer_position" NOT NULL,
	"gold_outcome" "outcome_label",
	"votes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "review_items_distinct_models" CHECK ("review_items"."model_a_id" <> "review_items"."model_b_id")
);
--> statement-breakpoint
CREATE TABLE "review_queues" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slice" jsonb NOT NULL,
	"strategy" "review_queue_strategy" NOT NULL,
	"seed" integer NOT NULL,
	"reviews_per_item" integer NOT NULL,
	"reservation_seconds" integer NOT NULL,
	"status" "review_queue_status" DEFAULT 'OPEN' NOT NULL,
	"api_key_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_queues_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "review_claims" ADD CONSTRAINT "review_claims_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_claims" ADD CONSTRAINT "review_claims_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_claims" ADD CONSTRAINT "review_claims_verdict_id_verdicts_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."verdicts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_queue_id_review_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."review_queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_model_a_id_models_id_fk" FOREIGN KEY ("model_a_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_model_b_id_models_id_fk" FOREIGN KEY ("model_b_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_response_a_id_responses_id_fk" FOREIGN KEY ("response_a_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_response_b_id_responses_id_fk" FOREIGN KEY ("response_b_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_queues" ADD CONSTRAINT "review_queues_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_claims_item_reviewer_unique" ON "review_claims" USING btree ("item_id","reviewer");--> statement-breakpoint
CREATE INDEX "review_claims_reviewer_idx" ON "review_claims" USING btree ("reviewer");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_queue_position_unique" ON "review_items" USING btree ("queue_id","position");