/**
 * `npm run bench -- --suite fan-out`: how much a crowd of subscribers to one leaderboard slows
 * each of them (issue 20's PGlite target). Serves the demo data (`verdicts demo`, PGlite, a fresh
 * data directory), subscribes one client to the default `leaderboardChanged` and times, over
 * `--runs` one-verdict writes, the wait from the mutation's response to the event; then opens
 * `--subscribers` (default 1,000) graphql-ws clients on the same subscription and times the
 * slowest of them after each write. Target: slowest of the crowd ≤ 2.5 × the lone subscriber.
 * Writes bench/results-fan-out.json and .txt.
 *
 *   npm run bench -- --suite fan-out [--subscribers 1000] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphql, RECORD_VERDICTS_MUTATION, requestBody, waitHealthy } from './graphql';
import { RssSampler, snapshotBuild, startServer } from './processes';
import {
  median,
  optionValue,
  renderSuiteTable,
  writeSuiteResults,
  type SuiteFigure,
} from './suite-support';

const SUBSCRIPTION = `subscription BenchFanOut {
  leaderboardChanged { verdictCount modelCount entries { rank model { name } rating ciLower ciUpper } }
}`;
/** Past the default coalescing window (1 s), so that no write waits for the previous event. */
const GAP_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** performance.now() of each event of one subscriber. */
class Arrivals {
  readonly times: number[] = [];
  failure: string | null = null;

  constructor(client: Client) {
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (event) => {
          if (event.errors) this.failure = JSON.stringify(event.errors).slice(0, 300);
          else this.times.push(performance.now());
        },
        error: (error) => (this.failure = String((error as Error)?.message ?? error)),
        complete: () => undefined,
      },
    );
  }

  async after(count: number, deadline: number): Promise<boolean> {
    while (this.times.length <= count && this.failure === null) {
      if (performance.now() > deadline) return false;
      await sleep(5);
    }
    return this.times.length > count;
  }
}

let written = 0;
async function writeOne(url: string): Promise<void> {
  written += 1;
  const body = requestBody(RECORD_VERDICTS_MUTATION, {
    verdicts: [
      {
        judge: 'fan-out-bench',
        judgeKind: 'HUMAN',
        prompt: { externalId: `fan-out-${written}` },
        modelA: 'gpt-4',
        modelB: 'gpt-3.5-turbo',
        outcome: written % 2 === 0 ? 'A_BETTER' : 'B_BETTER',
        idempotencyKey: `fan-out-bench-${written}`,
      },
    ],
  });
  const { data } = await postGraphql<{ recordVerdicts: { accepted: number } }>(url, body);
  if (data.recordVerdicts.accepted !== 1) throw new Error('the write stored nothing');
}

/** Waits after each of `runs` writes: the slowest of `subscribers` per run, in ms. */
async function slowestWaits(url: string, subscribers: Arrivals[], runs: number): Promise<number[]> {
  const waits: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await sleep(GAP_MS);
    const before = subscribers.map((s) => s.times.length);
    await writeOne(url);
    const answered = performance.now();
    const deadline = answered + 60_000;
    const arrived = await Promise.all(subscribers.map((s, i) => s.after(before[i], deadline)));
    if (arrived.some((ok) => !ok))
      throw new Error(`run ${run + 1}: not every subscriber got the event`);
    waits.push(Math.max(...subscribers.map((s, i) => s.times[before[i]] - answered)));
  }
  return waits;
}

export async function runFanOutBench(argv: string[]): Promise<void> {
  const subscriberCount = Number(optionValue(argv, '--subscribers') ?? 1000);
  const runs = Number(optionValue(argv, '--runs') ?? 3);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-fan-out-bench-'));
  await snapshotBuild();
  const figures: SuiteFigure[] = [];
  const clients: Client[] = [];
  const log = (text: string) => console.log(`fan-out: ${text}`);
  try {
    const server = await startServer(
      {
        ...process.env,
        DATABASE_URL: '',
        VERDICTS_DATA_DIR: path.join(workDir, 'data'),
        VERDICTS_AUTH: 'off',
        VERDICTS_LOG_REQUESTS: 'false',
        VERDICTS_WS_MAX_CONNECTIONS: String(subscriberCount + 100),
        VERDICTS_WS_MAX_CONNECTIONS_PER_ADDRESS: String(subscriberCount + 100),
        VERDICTS_WS_RESERVED_KEYED_CONNECTIONS: '0',
      },
      'demo',
    );
    const rss = new RssSampler(server.pid);
    try {
      await waitHealthy(server.url);
      const connect = () => {
        const client = createClient({
          url: server.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
        });
        clients.push(client);
        return new Arrivals(client);
      };
      const lone = connect();
      if (!(await lone.after(-1, performance.now() + 120_000))) throw new Error('no first event');
      const loneWaits = await slowestWaits(server.url, [lone], runs);
      log(`lone subscriber: ${loneWaits.map((ms) => ms.toFixed(0)).join(', ')} ms`);

      const crowd = [lone];
      for (let i = 1; i < subscriberCount; i += 1) crowd.push(connect());
      const deadline = performance.now() + 300_000;
      await Promise.all(crowd.map((s) => s.after(-1, deadline)));
      const failed = crowd.filter((s) => s.failure !== null);
      if (failed.length > 0)
        throw new Error(`${failed.length} subscribers failed: ${failed[0].failure}`);
      const crowdWaits = await slowestWaits(server.url, crowd, runs);
      log(`slowest of ${subscriberCount}: ${crowdWaits.map((ms) => ms.toFixed(0)).join(', ')} ms`);

      const ratio = median(crowdWaits) / median(loneWaits);
      figures.push(
        {
          id: 'fan-out.lone',
          label: 'lone subscriber: write → event',
          values: loneWaits,
          unit: 'ms',
          target: null,
          verdict: null,
        },
        {
          id: 'fan-out.crowd',
          label: `slowest of ${subscriberCount}: write → event`,
          values: crowdWaits,
          unit: 'ms',
          target: null,
          verdict: null,
        },
        {
          id: 'fan-out.ratio',
          label: 'slowest of the crowd / lone (medians)',
          values: [ratio],
          unit: '×',
          target: '≤ 2.5',
          verdict: ratio <= 2.5 ? 'PASS' : 'MISS',
        },
      );
    } finally {
      for (const client of clients) await client.dispose();
      const memory = rss.stop();
      const stopped = await server.stop(10_000);
      const peak = Math.max(
        memory.sampledMaxMegabytes,
        memory.highWaterMegabytes,
        stopped.highWaterMegabytes,
      );
      figures.push({
        id: 'fan-out.rss',
        label: 'server peak RSS (whole run)',
        values: [peak],
        unit: 'MB',
        target: null,
        verdict: null,
      });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const table = [
    `fan-out @ the demo data on PGlite, ${subscriberCount} subscribers, ${runs} runs`,
    renderSuiteTable(figures),
  ].join('\n');
  console.log(table);
  await writeSuiteResults('fan-out', argv, { subscribers: subscriberCount, runs, figures }, table);
}
