/**
 * Issue 19's memory exhaustion: 100 `verdictsRecorded` subscribers that never read, selecting a
 * 100 KB prompt text, were sent a 50-verdict batch; the server held about 5.6 MB per stuck
 * subscriber until it ran out of heap. Now the event is serialised once and the same bytes go to
 * every subscriber, and a socket whose unread backlog passes its cap is closed with 4508.
 */
import { Socket } from 'node:net';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/test-server';

const SUBSCRIBERS = 100;
const PER_SOCKET = 4 * 1024 * 1024;
const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';
const FEED = 'subscription { verdictsRecorded { verdicts { idempotencyKey prompt { text } } } }';
const HUGE_TEXT = 'x'.repeat(100 * 1024);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    subscriptions: { maxBufferedBytesPerSocket: PER_SOCKET, maxConnectionsPerAddress: 200 },
  });
});
afterAll(() => server.close());

let keys = 0;
function batch(count: number, text: string) {
  return {
    input: {
      verdicts: Array.from({ length: count }, () => ({
        judge: 'slow-judge',
        prompt: { externalId: text === HUGE_TEXT ? 'huge' : 'small', text },
        modelA: 'a',
        modelB: 'b',
        outcome: 'A_BETTER',
        idempotencyKey: `slow${(keys += 1)}`,
      })),
    },
  };
}

interface RawSubscriber {
  socket: WebSocket;
  messages: number;
  closed: Promise<{ code: number; reason: string }>;
}

async function subscriber(): Promise<RawSubscriber> {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const raw: RawSubscriber = {
    socket,
    messages: 0,
    closed: new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
  };
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.on('message', () => (raw.messages += 1));
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: FEED } }));
  return raw;
}

function transportOf(socket: WebSocket): Socket {
  const transport: unknown = Reflect.get(socket, '_socket');
  if (!(transport instanceof Socket))
    throw new Error('expected the ws socket to wrap a net.Socket');
  return transport;
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function settledMemory(): Promise<number> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

test('100 paused subscribers of a 5 MB event hold one copy of it, and are closed with 4508 once behind', async () => {
  const subscribers: RawSubscriber[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 1) subscribers.push(await subscriber());
  // Every subscription is registered once a small batch has reached all of them.
  await server.graphql(RECORD, batch(1, 'a small prompt'));
  await until(() => subscribers.every((s) => s.messages >= 1), 'the first event everywhere');
  for (const { socket } of subscribers) transportOf(socket).pause();

  const before = await settledMemory();
  let peak = 0;
  const sample = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    peak = Math.max(peak, heapUsed + arrayBuffers - before);
  };
  for (let round = 0; round < 4; round += 1) {
    const stored = await server.graphql(RECORD, batch(50, HUGE_TEXT));
    expect(stored.data.recordVerdicts.accepted).toBe(50);
    sample();
  }
  await until(() => {
    sample();
    return server.server.slowConsumersDropped() === SUBSCRIBERS;
  }, 'every paused subscriber dropped');
  // One 5 MB payload per batch, shared, is what the paused sockets hold; 100 copies would be
  // 500 MB a batch. The peak also counts the batches' own garbage, not yet collected.
  const retained = (await settledMemory()) - before;
  expect(retained).toBeLessThan(64 * 1024 * 1024);
  expect(peak).toBeLessThan(256 * 1024 * 1024);

  // A dropped client that reads on finds its backlog, then the coded close.
  transportOf(subscribers[0].socket).resume();
  expect(await subscribers[0].closed).toEqual({
    code: 4508,
    reason: expect.stringMatching(
      /^SUBSCRIBER_TOO_SLOW: this client left more than 4194304 bytes unread/,
    ),
  });
  // The others are cut off after the grace period, and what they held is freed.
  await until(() => server.server.liveCounts().connections === 0, 'every socket closed');
  expect(server.server.liveCounts().subscriptions).toBe(0);
  for (const { socket } of subscribers) socket.terminate();
}, 180_000);
