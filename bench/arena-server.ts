/**
 * An in-memory PGlite Verdicts server for the arena bench, and the three calls a simulated arena
 * makes through its API: nextComparisons, recordVerdicts and a sandwich leaderboard.
 */
// type-graphql's decorators need the metadata polyfill loaded before any schema module.
import 'reflect-metadata';
import { DEFAULT_LIMITS, DEFAULT_SUBSCRIPTION_SETTINGS } from '../src/config';
import { openDatabase, type DatabaseHandle } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { startServer, type RunningServer } from '../src/server';
import { recordResponses } from '../src/services/catalog-import';
import { postGraphql, requestBody } from './graphql';

export interface ArenaServer {
  url: string;
  database: DatabaseHandle;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startArenaServer(): Promise<ArenaServer> {
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await migrateDatabase(database);
  const server = await startServer({
    database,
    port: 0,
    host: '127.0.0.1',
    production: true,
    maxRequestBytes: 32 * 1024 * 1024,
    auth: false,
    publicRead: true,
    limits: DEFAULT_LIMITS,
    subscriptions: DEFAULT_SUBSCRIPTION_SETTINGS,
  });
  return {
    url: server.url,
    database,
    server,
    async close() {
      await server.stop();
      await database.close();
    },
  };
}

/** Every model answers every prompt `arena-q<p>`, so each is in the catalogue before its first verdict. */
export async function storeArenaAnswers(
  arena: ArenaServer,
  models: readonly string[],
  prompts: number,
): Promise<void> {
  const records = [];
  for (let p = 0; p < prompts; p += 1)
    for (const model of models)
      records.push({
        prompt: { externalId: `arena-q${p}`, text: `Arena question ${p}?` },
        model,
        text: `${model} on question ${p}.`,
      });
  await recordResponses(arena.database.db, records);
}

export interface Suggestion {
  modelA: { name: string };
  modelB: { name: string };
  prompt: { externalId: string } | null;
  shownFirst: 'A' | 'B';
}

const NEXT = `query ArenaNext($input: NextComparisonsInput!) {
  nextComparisons(input: $input) { modelA { name } modelB { name } prompt { externalId } shownFirst }
}`;

export async function nextComparisons(
  arena: ArenaServer,
  input: Record<string, unknown>,
): Promise<{ suggestions: Suggestion[]; ms: number }> {
  const timed = await postGraphql<{ nextComparisons: Suggestion[] }>(
    arena.url,
    requestBody(NEXT, { input }),
  );
  return { suggestions: timed.data.nextComparisons, ms: timed.ms };
}

export interface SimulatedVerdict {
  modelA: string;
  modelB: string;
  prompt: string;
  aWins: boolean;
  shownFirst?: 'A' | 'B';
}

const RECORD = `mutation ArenaRecord($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }`;

let keys = 0;
export async function recordSimulated(
  arena: ArenaServer,
  verdicts: readonly SimulatedVerdict[],
): Promise<void> {
  for (let start = 0; start < verdicts.length; start += 2000) {
    const batch = verdicts.slice(start, start + 2000).map((verdict) => ({
      judge: 'arena-sim',
      prompt: { externalId: verdict.prompt },
      modelA: verdict.modelA,
      modelB: verdict.modelB,
      outcome: verdict.aWins ? 'A_BETTER' : 'B_BETTER',
      ...(verdict.shownFirst ? { shownFirst: verdict.shownFirst } : {}),
      idempotencyKey: `arena-${(keys += 1)}`,
    }));
    const result = await postGraphql<{ recordVerdicts: { accepted: number } }>(
      arena.url,
      requestBody(RECORD, {
        input: { verdicts: batch },
      }),
    );
    if (result.data.recordVerdicts.accepted !== batch.length)
      throw new Error(
        `recordVerdicts accepted ${result.data.recordVerdicts.accepted} of ${batch.length}`,
      );
  }
}

const BOARD = `query ArenaBoard($input: LeaderboardInput) {
  leaderboard(input: $input) { entries { model { name } ciLower ciUpper } }
}`;

/** Width of each rated model's 95% sandwich interval (Elo); models rated apart are absent. */
export async function intervalWidths(
  arena: ArenaServer,
  models: readonly string[],
): Promise<Map<string, number>> {
  const result = await postGraphql<{
    leaderboard: {
      entries: { model: { name: string }; ciLower: number | null; ciUpper: number | null }[];
    };
  }>(arena.url, requestBody(BOARD, { input: { models, intervalMethod: 'SANDWICH' } }));
  const widths = new Map<string, number>();
  for (const entry of result.data.leaderboard.entries)
    if (entry.ciLower !== null && entry.ciUpper !== null)
      widths.set(entry.model.name, entry.ciUpper - entry.ciLower);
  return widths;
}
