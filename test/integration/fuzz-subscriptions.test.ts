/**
 * Property-based fuzzing of the subscriptions over WebSocket (graphql-ws), with the generator of
 * fuzz.test.ts: random `subscription` documents from schema.graphql, with hostile values (deep
 * variables, huge strings, odd dates). Sent as raw protocol frames, so that variables nested
 * 20,000 deep reach the server as they would from any client. For every subscription:
 * - it fails alone: the connection stays open and serves the next one (a frame over the 1 MiB
 *   message limit is the one exception, closed with 1009 as the WebSocket protocol says);
 * - every error carries a documented code and none is a server fault;
 * - no message quotes more than a 40-character excerpt of the input;
 * - the server logs no fault (no stack on standard error).
 *
 * FUZZ_WS_RUNS sets the number of subscriptions (default 300); FUZZ_SEED replays a run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import WebSocket from 'ws';
import { isDocumentedCode } from '../../src/graphql/common/error-codes';
import { operationArbitrary, requestBody, type FuzzPools } from '../support/operation-fuzzer';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const RUNS = Number(process.env.FUZZ_WS_RUNS ?? 300);
const SEED =
  process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);
const SCHEMA = buildSchema(
  readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);
const FAULT_CODES = new Set(['DATABASE_ERROR', 'DATABASE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
const MAX_MESSAGE_BYTES = 1 << 20; // websocket-server.ts
const MODELS = ['fw-alpha', 'fw-bravo', 'fw-charlie'];

interface Frame {
  id?: string;
  type: string;
  payload?: unknown;
}

/** One graphql-ws connection driven frame by frame. */
class RawConnection {
  private readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      if (frame.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else this.frames.push(frame);
      this.wake?.();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString('utf8') };
      this.wake?.();
    });
  }

  static async open(httpUrl: string): Promise<RawConnection> {
    const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const connection = new RawConnection(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    const ack = await connection.take((frame) => frame.type === 'connection_ack');
    if (ack === null) throw new Error(`no connection_ack: ${JSON.stringify(connection.closed)}`);
    return connection;
  }

  send(text: string): void {
    this.socket.send(text);
  }

  /**
   * The first frame that matches, or null once the connection has closed or `instead()` holds
   * (checked every few milliseconds: a condition on the server, such as a live subscription).
   */
  async take(matches: (frame: Frame) => boolean, instead = () => false): Promise<Frame | null> {
    for (;;) {
      const at = this.frames.findIndex(matches);
      if (at >= 0) return this.frames.splice(at, 1)[0];
      if (this.closed !== null || instead()) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  close(): void {
    this.socket.close();
  }
}

let server: TestServer;
let pools: FuzzPools;
const faults: string[] = [];
const tally = {
  subscriptions: 0,
  byType: {} as Record<string, number>,
  byCode: {} as Record<string, number>,
  oversized: 0,
};

beforeAll(async () => {
  server = await startTestServer({ production: true, errorLog: (line) => faults.push(line) });
  await recordAll(
    server,
    Array.from({ length: 30 }, (_, i) => ({
      judge: 'fw-judge',
      prompt: { externalId: `fw-q${i % 10}`, text: `Fuzz prompt ${i % 10}`, category: 'coding' },
      modelA: MODELS[i % 3],
      modelB: MODELS[(i + 1) % 3],
      outcome: i % 4 === 0 ? 'TIE' : 'A_BETTER',
      idempotencyKey: `fw-${i}`,
    })),
  );
  pools = { strings: [...MODELS, 'fw-judge', 'coding', 'fw-q1', 'api'], ids: ['1', '0', '-1'] };
}, 120_000);

afterAll(async () => {
  console.log(
    `websocket fuzz (seed ${SEED}, ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}): ${tally.subscriptions} subscriptions; ` +
      `first frames ${JSON.stringify(tally.byType)}; codes ${JSON.stringify(tally.byCode)}; ${tally.oversized} frames over 1 MiB`,
  );
  await server.close();
});

function checkErrors(errors: unknown, context: string): void {
  if (errors === undefined) return;
  if (!Array.isArray(errors)) throw new Error(`errors that are not a list:\n${context}`);
  for (const error of errors as { message: string; extensions?: { code?: unknown } }[]) {
    const code = error.extensions?.code;
    tally.byCode[String(code)] = (tally.byCode[String(code)] ?? 0) + 1;
    if (!isDocumentedCode(code))
      throw new Error(`undocumented error code ${JSON.stringify(code)} for\n${context}`);
    if (FAULT_CODES.has(code)) throw new Error(`${code} caused by input:\n${context}`);
    if (error.message.includes('x'.repeat(41)))
      throw new Error(`a message quotes more than 40 characters of the input:\n${context}`);
  }
}

test(`${RUNS} fuzzed subscriptions: each fails alone, with documented codes, and no fault is logged`, async () => {
  let connection = await RawConnection.open(server.url);
  let id = 0;
  await fc.assert(
    fc.asyncProperty(operationArbitrary(SCHEMA, 'subscription', pools), async (operation) => {
      const frameId = String((id += 1));
      const frame = `{"id":${JSON.stringify(frameId)},"type":"subscribe","payload":${requestBody(operation)}}`;
      const context = `${operation.document.slice(0, 2000)}\nvariables ${JSON.stringify(operation.variables).slice(0, 1000)}`;
      tally.subscriptions += 1;
      const live = () => server.server.liveCounts().subscriptions;
      const before = live();
      connection.send(frame);
      // A good verdictsRecorded says nothing until a write: it shows as one more live subscription.
      const first = await connection.take(
        (received) => received.id === frameId,
        () => live() > before,
      );
      if (Buffer.byteLength(frame) > MAX_MESSAGE_BYTES) {
        // Too big to be read at all: the protocol's answer is to close with 1009.
        expect(first).toBeNull();
        expect(connection.closed?.code).toBe(1009);
        tally.oversized += 1;
        connection = await RawConnection.open(server.url);
        return;
      }
      if (first === null && connection.closed === null) {
        // Live and quiet (or its first event still on the way): end it and wait until it has ended.
        tally.byType.live = (tally.byType.live ?? 0) + 1;
        connection.send(JSON.stringify({ id: frameId, type: 'complete' }));
        await connection.take(
          () => false,
          () => live() <= before,
        );
        return;
      }
      if (first === null)
        throw new Error(
          `the connection closed (${JSON.stringify(connection.closed)}) for\n${context}`,
        );
      tally.byType[first.type] = (tally.byType[first.type] ?? 0) + 1;
      if (first.type === 'error') checkErrors(first.payload, context);
      else if (first.type === 'next') {
        checkErrors((first.payload as { errors?: unknown }).errors, context);
        connection.send(JSON.stringify({ id: frameId, type: 'complete' }));
        await connection.take(
          () => false,
          () => live() <= before,
        );
      } else expect(first.type).toBe('complete');
      expect(connection.closed).toBeNull();
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );

  // The same connection still serves a good subscription.
  connection.send(
    JSON.stringify({
      id: 'good',
      type: 'subscribe',
      payload: {
        query:
          'subscription { leaderboardChanged(input: { judges: ["fw-judge"] }) { verdictCount } }',
      },
    }),
  );
  const good = await connection.take((received) => received.id === 'good');
  expect(good).toMatchObject({
    type: 'next',
    payload: { data: { leaderboardChanged: { verdictCount: 30 } } },
  });
  connection.close();
  expect(faults).toEqual([]);
}, 600_000);
