/**
 * Full-text search over prompts and their answers (PostgreSQL text search, the same on PGlite and
 * PostgreSQL: https://www.postgresql.org/docs/current/textsearch.html). `websearch_to_tsquery`
 * reads what people type into search boxes ("quoted phrases", `or`, `-word`) and never fails to
 * parse, so the only unsearchable query is one that leaves no word (empty, or stop words only).
 *
 * Matches read the stored `search_document` columns (generated from the text, db/schema.ts) through
 * their GIN indexes; ranking reads them too, never re-parsing a text.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { arrayLiteral } from '../db/array-literal';
import { excerpt } from '../domain/excerpt';
import { LIMITS } from '../domain/limits';
import { InvalidRequestError } from './errors';
import type { Page } from './pages';

/** Where a page of hits starts: after the hit with this rank and prompt id. */
export interface SearchPosition {
  rank: number;
  promptId: number;
}

export interface SearchPageRequest {
  first: number;
  after: SearchPosition | null;
}

export type PromptHit = SearchPosition;

/** The query as PostgreSQL reads it; a parameter, so the planner folds it to a constant. */
function searchQuery(text: string): SQL {
  return sql`websearch_to_tsquery('english'::regconfig, ${text})`;
}

const PROMPT_DOCUMENT = sql`p.search_document`;
const ANSWER_DOCUMENT = sql`r.search_document`;

function requireSearchableText(text: string): void {
  if (text.trim() === '')
    throw new InvalidRequestError('query must contain at least one word to search for.', 'query');
  if (text.length > LIMITS.searchQueryLength)
    throw new InvalidRequestError(
      `query must be at most ${LIMITS.searchQueryLength} characters, but got ${text.length} (${excerpt(text)}).`,
      'query',
    );
}

/**
 * Prompts whose text or any answer matches, best first: a prompt's rank is the best of its own
 * text's and its answers' `ts_rank` (normalization 1 divides by 1 + log(length), so a long answer
 * does not win by repeating a word), ties in prompt id order.
 */
export async function searchPrompts(
  db: Database,
  text: string,
  page: SearchPageRequest,
): Promise<Page<PromptHit>> {
  requireSearchableText(text);
  const query = searchQuery(text);
  const after =
    page.after === null
      ? sql`TRUE`
      : sql`(rank < ${page.after.rank}::float8 OR (rank = ${page.after.rank}::float8 AND prompt_id > ${page.after.promptId}::int))`;
  const rows = await queryRows<{ prompt_id: number; rank: number }>(
    db,
    sql`WITH matches AS (
          SELECT p.id AS prompt_id, ts_rank(${PROMPT_DOCUMENT}, ${query}, 1) AS rank
          FROM prompts p WHERE ${PROMPT_DOCUMENT} @@ ${query}
          UNION ALL
          SELECT r.prompt_id, ts_rank(${ANSWER_DOCUMENT}, ${query}, 1)
          FROM responses r WHERE ${ANSWER_DOCUMENT} @@ ${query}
        ), ranked AS (
          SELECT prompt_id, max(rank)::float8 AS rank FROM matches GROUP BY prompt_id
        )
        SELECT prompt_id, rank FROM ranked WHERE ${after}
        ORDER BY rank DESC, prompt_id ASC LIMIT ${page.first + 1}`,
  );
  // Only an empty answer needs the question of why: one more statement, on that path alone.
  if (rows.length === 0) await requireSomeWord(db, text);
  const hits = rows.map((row) => ({ promptId: Number(row.prompt_id), rank: Number(row.rank) }));
  return { rows: hits.slice(0, page.first), hasNextPage: hits.length > page.first };
}

async function requireSomeWord(db: Database, text: string): Promise<void> {
  const [row] = await queryRows<{ words: number }>(
    db,
    sql`SELECT numnode(${searchQuery(text)}) AS words`,
  );
  if (Number(row?.words ?? 0) === 0)
    throw new InvalidRequestError(
      `query ${excerpt(text)} has no word to search for: only stop words (the, and, …) or punctuation.`,
      'query',
    );
}

/** One run of a snippet: matched text is a word the query found. */
export interface SnippetPart {
  text: string;
  matched: boolean;
}

export interface AnswerMatch {
  responseId: number;
  snippet: SnippetPart[];
}

export interface PromptMatches {
  /** Null when the prompt's own text did not match (only its answers did). */
  promptSnippet: SnippetPart[] | null;
  answers: AnswerMatch[];
}

// Control characters mark the matched words: they cannot be typed into a question, and are
// removed from the text before highlighting, so a marker always comes from ts_headline.
const START = '\u0002';
const STOP = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

function headline(document: SQL, query: SQL): SQL {
  return sql`ts_headline('english'::regconfig, translate(${document}, ${START + STOP}, ''), ${query}, ${HEADLINE_OPTIONS})`;
}

/** The words of `text` between the markers, as parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [index, piece] of marked.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (piece !== '') parts.push({ text: piece, matched: index % 2 === 1 });
  }
  return parts;
}

/**
 * What matched in each prompt of a page, for one query: the prompt's own snippet and every
 * matching answer's, in one statement for all the prompts.
 */
export async function matchesOfPrompts(
  db: Database,
  text: string,
  promptIds: readonly number[],
): Promise<PromptMatches[]> {
  const query = searchQuery(text);
  const ids = sql`${arrayLiteral(promptIds)}::int[]`;
  const rows = await queryRows<{ prompt_id: number; response_id: number | null; marked: string }>(
    db,
    sql`SELECT p.id AS prompt_id, NULL::int AS response_id, ${headline(sql`p.text`, query)} AS marked
        FROM prompts p WHERE p.id = ANY(${ids}) AND ${PROMPT_DOCUMENT} @@ ${query}
        UNION ALL
        SELECT r.prompt_id, r.id, ${headline(sql`r.text`, query)}
        FROM responses r WHERE r.prompt_id = ANY(${ids}) AND ${ANSWER_DOCUMENT} @@ ${query}
        ORDER BY prompt_id, response_id NULLS FIRST`,
  );
  const byPrompt = new Map<number, PromptMatches>(
    promptIds.map((id) => [id, { promptSnippet: null, answers: [] }]),
  );
  for (const row of rows) {
    const matches = byPrompt.get(Number(row.prompt_id));
    if (matches === undefined) continue;
    const snippet = snippetParts(row.marked);
    if (row.response_id === null) matches.promptSnippet = snippet;
    else matches.answers.push({ responseId: Number(row.response_id), snippet });
  }
  return promptIds.map((id) => byPrompt.get(id) as PromptMatches);
}
