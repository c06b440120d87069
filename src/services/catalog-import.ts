/**
 * Stores prompts and answers that arrive without verdicts (Arena-Hard question and answer files),
 * so that they can be loaded before or after the verdicts that refer to them.
 */
import type { Database } from '../db/client';
import type { ResponseRecord } from '../domain/import-item';
import { bumpDataVersion } from './verdict-count-maintenance';
import {
  findOrCreateModels,
  findOrCreatePrompts,
  findOrCreateResponses,
  responseKey,
  responsePairOfKey,
} from './entity-upsert';
import { linkAnswersOfPairs } from './answer-links';
import type { ItemResult, PromptRecord } from '../domain/verdict-record';
import {
  validatePrompt,
  validateResponse,
  type ValidPrompt,
  type ValidResponse,
} from './verdict-validation';
import { mustGet } from '../domain/invariant';

export async function recordPrompts(db: Database, records: PromptRecord[]): Promise<ItemResult[]> {
  const results = emptyResults(records.length);
  const valid: { index: number; prompt: ValidPrompt }[] = [];
  records.forEach((record, index) => {
    const checked = validatePrompt(record);
    if (checked.ok) valid.push({ index, prompt: checked.prompt });
    else results[index].userErrors = checked.errors;
  });
  if (valid.length === 0) return results;
  const { ids, created, completed } = await db.transaction((tx) =>
    findOrCreatePrompts(
      tx,
      valid.map((item) => item.prompt),
    ),
  );
  markStored(
    results,
    valid.map(({ index, prompt }) => ({
      index,
      id: mustGet(ids, prompt.dedupKey, 'model id'),
      key: prompt.dedupKey,
    })),
    // A prompt this source completed (its text, category or tags were unknown) stored something.
    new Set([...created, ...completed]),
  );
  return results;
}

export interface RecordResponsesResult {
  results: ItemResult[];
  /** Verdicts on these answers' prompts and models left unlinked: the model has several answers. */
  ambiguousAnswers: number;
}

export async function recordResponses(
  db: Database,
  records: ResponseRecord[],
): Promise<RecordResponsesResult> {
  const results = emptyResults(records.length);
  const valid: { index: number; prompt: ValidPrompt; model: string; response: ValidResponse }[] =
    [];
  records.forEach((record, index) => {
    const prompt = validatePrompt(record.prompt);
    const answer = validateResponse(record.model, record.text, record.tokens);
    if (prompt.ok && answer.ok)
      valid.push({ index, prompt: prompt.prompt, model: answer.model, response: answer.response });
    else
      results[index].userErrors = [
        ...(prompt.ok ? [] : prompt.errors),
        ...(answer.ok ? [] : answer.errors),
      ];
  });
  if (valid.length === 0) return { results, ambiguousAnswers: 0 };
  const ambiguousAnswers = await db.transaction(async (tx) => {
    const modelIds = await findOrCreateModels(
      tx,
      valid.map((item) => item.model),
    );
    const promptIds = (
      await findOrCreatePrompts(
        tx,
        valid.map((item) => item.prompt),
      )
    ).ids;
    const keyed = valid.map((item) => ({
      index: item.index,
      promptId: mustGet(promptIds, item.prompt.dedupKey, 'prompt id'),
      modelId: mustGet(modelIds, item.model, 'model id'),
      response: item.response,
    }));
    const { ids, created } = await findOrCreateResponses(tx, keyed);
    const stored = keyed.map((item) => {
      const key = responseKey(item.promptId, item.modelId, item.response.textHash);
      return { index: item.index, id: mustGet(ids, key, 'model id'), key };
    });
    markStored(results, stored, created);
    // Verdicts stored before their answers are linked now (answer-links.ts).
    const links = await linkAnswersOfPairs(tx, [...created].map(responsePairOfKey));
    // New answers change style-controlled leaderboards.
    if (created.size > 0) await bumpDataVersion(tx);
    return links.ambiguous;
  });
  return { results, ambiguousAnswers };
}

function emptyResults(count: number): ItemResult[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    status: 'REJECTED' as const,
    verdictId: null,
    userErrors: [],
  }));
}

/** The first item that created (or completed) a row is ACCEPTED; later ones, and rows stored before, are DUPLICATE. */
function markStored(
  results: ItemResult[],
  stored: { index: number; id: number; key: string }[],
  created: Set<string>,
): void {
  const claimed = new Set<string>();
  for (const { index, key } of stored) {
    results[index].status = created.has(key) && !claimed.has(key) ? 'ACCEPTED' : 'DUPLICATE';
    claimed.add(key);
  }
}
