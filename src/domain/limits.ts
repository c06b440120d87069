/**
 * Size limits of what a verdict may carry, shared by validation (services/) and by the
 * parsers (ingest/) that build keys which must fit them.
 */
export const LIMITS = {
  nameLength: 256,
  keyLength: 256,
  textLength: 2_000_000,
  tagCount: 32,
  tagLength: 128,
  /** A full-text search query (services/prompt-search.ts), in characters. */
  searchQueryLength: 200,
} as const;
