/**
 * A subscription sent as an HTTP request is a client fault with a code (400 BAD_REQUEST) that
 * says where subscriptions are served, not a resolver run without an event (a 500).
 */
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

test.each([
  ['verdictsRecorded', 'subscription { verdictsRecorded { dataVersion } }'],
  ['leaderboardChanged', 'subscription { leaderboardChanged { entries { rating } } }'],
])('%s over HTTP POST is a 400 BAD_REQUEST naming WebSocket', async (_field, document) => {
  const result = await server.graphql(document);
  expect(result.status).toBe(400);
  expect(result.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  expect(result.errors?.[0].message).toContain('WebSocket');
  expect(result.data).toBeUndefined();
});
