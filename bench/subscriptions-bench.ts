/**
 * `npm run bench -- --suite subscriptions`: live leaderboards at bench scale on PostgreSQL (issue
 * #13). Imports the bench workload (`verdicts import arena-battles`, default 1M verdicts), starts
 * `verdicts serve`, times recordVerdicts throughput with no subscriber attached, then opens N
 * graphql-ws clients (default 1,000), each subscribed to `leaderboardChanged` — most on the default
 * slice, some per category, some per judge — and waits for every initial event. Then, per run, one
 * batch of 5,000 verdicts through `recordVerdicts`: for every subscriber the time from the
 * mutation's response to its next event (p50, p99, max, how many got it). Last, throughput again
 * with the subscribers attached. The server's RSS is sampled throughout. Without DATABASE_URL it
 * runs itself under scripts/with-postgres.sh. Writes bench/results-subscriptions.json and .txt.
 *
 *   npm run bench -- --suite subscriptions [--scale 100k|1m] [--subscribers 1000] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  median,
  optionValue,
  readCount,
  renderSuiteTable,
  rerunUnderPostgres,
  type SuiteFigure,
  writeSuiteResults,
} from './suite-support';
import { postgresFactory } from './databases';
import { postGraphql, RECORD_VERDICTS_MUTATION, requestBody, waitHealthy } from './graphql';
import { benchImport, ensureBattleFile } from './import-bench';
import { RssSampler, snapshotBuild, startServer } from './processes';
import { BATCH_SIZE, verdictInput } from './record-bench';
import { CATEGORIES, generateVerdicts } from './workload';

const SUBSCRIPTION = `subscription BenchLive($input: LeaderboardInput) {
  leaderboardChanged(input: $input) {
    verdictCount modelCount
    entries { rank model { name } rating ciLower ciUpper }
  }
}`;

const JUDGES = ['bench-gpt-4', 'bench-claude', 'bench-crowd'];

interface RecordData {
  recordVerdicts: { accepted: number; duplicates: number; rejected: number };
}

type Figure = SuiteFigure;

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseScale(text: string | undefined): number {
  return readCount(text ?? '1m');
}

/** The slice subscriber `index` asks for: 80% the default, 10% one category, 10% one judge. */
function sliceOf(index: number): { label: string; input: Record<string, unknown> | undefined } {
  const bucket = index % 10;
  if (bucket === 8) {
    const category = CATEGORIES[Math.floor(index / 10) % CATEGORIES.length];
    return { label: `category ${category}`, input: { categories: [category] } };
  }
  if (bucket === 9) {
    const judge = JUDGES[Math.floor(index / 10) % JUDGES.length];
    return { label: `judge ${judge}`, input: { judges: [judge] } };
  }
  return { label: 'default', input: undefined };
}

class Subscriber {
  /** performance.now() of every event. */
  readonly arrivals: number[] = [];
  failure: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    readonly client: Client,
    input: Record<string, unknown> | undefined,
  ) {
    client.subscribe(
      { query: SUBSCRIPTION, variables: input === undefined ? {} : { input } },
      {
        next: (event) => {
          if (event.errors) this.failure = JSON.stringify(event.errors).slice(0, 500);
          this.arrivals.push(performance.now());
          this.wake?.();
        },
        error: (error) => {
          this.failure = error instanceof Error ? error.message : JSON.stringify(error);
          this.wake?.();
        },
        complete: () => {
          this.failure ??= 'completed';
          this.wake?.();
        },
      },
    );
  }

  /** Resolves once more than `count` events have arrived, or the subscription failed, or time ran out. */
  async waitFor(count: number, deadline: number): Promise<boolean> {
    while (this.arrivals.length <= count && this.failure === null) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.arrivals.length > count;
  }
}

/** One batch of fresh verdicts (own seed, own idempotency keys) as a recordVerdicts body. */
function batchBody(tag: string, seed: number): string {
  const verdicts: Record<string, unknown>[] = [];
  let index = 0;
  for (const verdict of generateVerdicts(BATCH_SIZE, seed)) {
    // Own prompts too, so no imported prompt's category is touched.
    verdicts.push({
      ...verdictInput(verdict, index),
      // The import created the judges (as arena's human judges); a judge's kind may not change.
      judgeKind: undefined,
      prompt: { externalId: `subs-${tag}-${index}`, category: verdict.category },
      idempotencyKey: `subs-${tag}-${index}`,
    });
    index += 1;
  }
  return requestBody(RECORD_VERDICTS_MUTATION, { verdicts });
}

async function record(url: string, body: string): Promise<number> {
  const { data } = await postGraphql<RecordData>(url, body);
  const result = data.recordVerdicts;
  if (result.accepted !== BATCH_SIZE || result.duplicates > 0 || result.rejected > 0)
    throw new Error(
      `recordVerdicts stored ${result.accepted} of ${BATCH_SIZE} (duplicates ${result.duplicates}, rejected ${result.rejected})`,
    );
  return result.accepted;
}

/** verdicts/s over `batches` sequential batches; bodies are built before the clock starts. */
async function throughput(url: string, tag: string, batches: number, seed: number) {
  const bodies = Array.from({ length: batches }, (_, b) => batchBody(`${tag}-${b}`, seed + b));
  const started = performance.now();
  let stored = 0;
  for (const body of bodies) stored += await record(url, body);
  return stored / ((performance.now() - started) / 1000);
}

export async function runSubscriptionsBench(argv: string[]): Promise<void> {
  if (!process.env.DATABASE_URL) return rerunUnderPostgres('subscriptions', argv);
  const valueOf = (name: string) => optionValue(argv, name);
  const scale = parseScale(valueOf('--scale'));
  const subscriberCount = Number(valueOf('--subscribers') ?? 1000);
  const runs = Number(valueOf('--runs') ?? 3);
  const throughputBatches = Number(valueOf('--batches') ?? 10);
  const factory = postgresFactory(process.env.DATABASE_URL);
  const database = await factory.describe();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-subscriptions-bench-'));
  await snapshotBuild();
  const figures: Figure[] = [];
  const add = (
    id: string,
    label: string,
    values: number[],
    unit: string,
    target: string | null,
    pass: ((value: number) => boolean) | null,
    aggregate: (values: number[]) => number = median,
  ) => {
    figures.push({
      id,
      label,
      values,
      unit,
      target,
      verdict: pass === null ? null : pass(aggregate(values)) ? 'PASS' : 'MISS',
    });
  };
  const log = (text: string) => console.log(`subscriptions ${scale}: ${text}`);
  const clients: Client[] = [];
  try {
    const file = path.join(workDir, `battles-${scale}.jsonl`);
    await ensureBattleFile(file, scale);
    const db = await factory.create(`subscriptions_${scale}`);
    try {
      const imported = await benchImport(file, scale, db.env);
      log(`imported in ${imported.seconds.toFixed(1)} s`);
      add(
        'subscriptions.import',
        'import arena-battles (bench workload)',
        [imported.rowsPerSecond],
        'rows/s',
        null,
        null,
      );
      const server = await startServer({
        ...db.env,
        VERDICTS_WS_MAX_CONNECTIONS: String(Math.max(2000, subscriberCount + 100)),
        // Every bench client connects from 127.0.0.1 without a key: one client to the quotas.
        VERDICTS_WS_MAX_CONNECTIONS_PER_ADDRESS: String(subscriberCount + 100),
        VERDICTS_WS_RESERVED_KEYED_CONNECTIONS: '0',
        VERDICTS_WS_MAX_LIVE_INPUTS_PER_CLIENT: '64',
      });
      const rss = new RssSampler(server.pid);
      try {
        await waitHealthy(server.url);
        let seed = 1000;
        // One warm-up batch (first write of the process), then throughput without subscribers.
        await record(server.url, batchBody('warm', seed++));
        const alone = await throughput(server.url, 'alone', throughputBatches, seed);
        seed += throughputBatches;
        log(`recordVerdicts alone: ${alone.toFixed(0)} verdicts/s`);

        // Open the subscribers, 100 at a time, and wait for each one's initial event.
        const subscribers: Subscriber[] = [];
        const slices = new Map<string, number>();
        const opening = performance.now();
        for (let index = 0; index < subscriberCount; index += 1) {
          const slice = sliceOf(index);
          slices.set(slice.label, (slices.get(slice.label) ?? 0) + 1);
          const client = createClient({
            url: server.url.replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            retryAttempts: 0,
            lazy: true,
          });
          clients.push(client);
          subscribers.push(new Subscriber(client, slice.input));
          if ((index + 1) % 100 === 0 || index + 1 === subscriberCount) {
            const deadline = performance.now() + 600_000;
            const chunk = subscribers.slice(Math.floor(index / 100) * 100);
            await Promise.all(chunk.map((subscriber) => subscriber.waitFor(0, deadline)));
          }
        }
        const initialSeconds = (performance.now() - opening) / 1000;
        const initialOk = subscribers.filter(
          (s) => s.arrivals.length > 0 && s.failure === null,
        ).length;
        const failures = subscribers.filter((s) => s.failure !== null);
        log(
          `${initialOk}/${subscriberCount} initial events in ${initialSeconds.toFixed(1)} s (${[...slices].map(([k, v]) => `${k} ${v}`).join(', ')})${failures.length ? `; first failure: ${failures[0].failure}` : ''}`,
        );
        add(
          'subscriptions.initial',
          `${subscriberCount} subscribers: all initial events`,
          [initialSeconds],
          's',
          null,
          null,
        );
        add(
          'subscriptions.initial.count',
          'subscribers with their initial event',
          [initialOk],
          'subs',
          `= ${subscriberCount}`,
          (v) => v === subscriberCount,
        );

        const p50s: number[] = [];
        const p99s: number[] = [];
        const maxes: number[] = [];
        const received: number[] = [];
        for (let run = 0; run < runs; run += 1) {
          // Past the coalescing window of the previous event.
          await sleep(2500);
          const before = subscribers.map((s) => s.arrivals.length);
          const body = batchBody(`latency-${run}`, seed++);
          await record(server.url, body);
          const answered = performance.now();
          const deadline = answered + 30_000;
          await Promise.all(subscribers.map((s, i) => s.waitFor(before[i], deadline)));
          const latencies = subscribers
            .map((s, i) =>
              s.arrivals.length > before[i] ? Math.max(0, s.arrivals[before[i]] - answered) : NaN,
            )
            .filter((ms) => Number.isFinite(ms))
            .sort((a, b) => a - b);
          p50s.push(percentile(latencies, 0.5));
          p99s.push(percentile(latencies, 0.99));
          maxes.push(latencies.length ? latencies[latencies.length - 1] : NaN);
          received.push(latencies.length);
          log(
            `run ${run + 1}/${runs}: ${latencies.length}/${subscriberCount} received, p50 ${p50s[run].toFixed(0)} ms, p99 ${p99s[run].toFixed(0)} ms, max ${maxes[run].toFixed(0)} ms`,
          );
        }
        const worst = (values: number[]) => Math.max(...values);
        const fewest = (values: number[]) => Math.min(...values);
        add(
          'subscriptions.received',
          'subscribers with the event after the batch (fewest)',
          received,
          'subs',
          `= ${subscriberCount}`,
          (v) => v === subscriberCount,
          fewest,
        );
        add('subscriptions.latency.p50', 'response → next event, p50', p50s, 'ms', null, null);
        add(
          'subscriptions.latency.p99',
          'response → next event, p99 (verdict: worst run)',
          p99s,
          'ms',
          '≤ 1,000',
          (v) => v <= 1000,
          worst,
        );
        add(
          'subscriptions.latency.max',
          'response → next event, max (verdict: none)',
          maxes,
          'ms',
          null,
          null,
          worst,
        );

        await sleep(2500);
        const attached = await throughput(server.url, 'attached', throughputBatches, seed);
        seed += throughputBatches;
        log(
          `recordVerdicts with ${subscriberCount} subscribers: ${attached.toFixed(0)} verdicts/s`,
        );
        // Let the last events go out before the clients close.
        await sleep(2500);
        add(
          'subscriptions.throughput.alone',
          `recordVerdicts, ${throughputBatches}×${BATCH_SIZE}, no subscriber`,
          [alone],
          'v/s',
          null,
          null,
        );
        add(
          'subscriptions.throughput.attached',
          `recordVerdicts, ${throughputBatches}×${BATCH_SIZE}, ${subscriberCount} subscribers`,
          [attached],
          'v/s',
          null,
          null,
        );
        add(
          'subscriptions.throughput.ratio',
          'throughput attached / alone',
          [attached / alone],
          '×',
          '≥ 0.90',
          (v) => v >= 0.9,
        );
        const stillOpen = subscribers.filter((s) => s.failure === null).length;
        log(`${stillOpen}/${subscriberCount} subscriptions still open at the end`);
      } finally {
        for (const client of clients) await client.dispose();
        const memory = rss.stop();
        const stopped = await server.stop(10_000);
        const peak = Math.max(
          memory.sampledMaxMegabytes,
          memory.highWaterMegabytes,
          stopped.highWaterMegabytes,
        );
        add(
          'subscriptions.rss',
          'server peak RSS (kernel high-water, whole run)',
          [peak],
          'MB',
          '≤ 600',
          (v) => v <= 600,
        );
      }
    } finally {
      await db.dispose();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const scaleLabel = scale >= 1e6 ? `${scale / 1e6}M` : `${scale / 1e3}k`;
  const header = `subscriptions @ ${scaleLabel} verdicts, ${subscriberCount} subscribers, ${runs} runs — ${database}`;
  const table = [header, renderSuiteTable(figures)].join('\n');
  console.log(table);
  await writeSuiteResults(
    'subscriptions',
    argv,
    { scale, subscribers: subscriberCount, runs, database, figures },
    table,
  );
}
