ALTER TABLE "prompts" ADD COLUMN "search_document" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("text", ''))) STORED;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "search_document" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "text")) STORED;--> statement-breakpoint
CREATE INDEX "prompts_search_document_idx" ON "prompts" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "responses_search_document_idx" ON "responses" USING gin ("search_document");