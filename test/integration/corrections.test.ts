/** Correcting and deleting verdicts: supersession, deleteVerdicts, and the audit log of both. */
import { createApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let admin: Record<string, string>;
let writer: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ auth: true });
  admin = {
    authorization: `Bearer ${(await createApiKey(server.database.db, 'ops', 'admin')).key}`,
  };
  writer = {
    authorization: `Bearer ${(await createApiKey(server.database.db, 'pipeline', 'write')).key}`,
  };
});
afterAll(async () => {
  await server.close();
});

const RECORD = `mutation ($input: RecordVerdictsInput!) {
  recordVerdicts(input: $input) { accepted rejected results { status verdict { id } userErrors { code field message } } } }`;
const BOARD =
  '{ leaderboard(input: { judges: ["fixer"], bootstrapRounds: 0 }) { verdictCount entries { model { name } wins losses } ratedApart { model { name } wins losses } } }';

/** A model's record on the board: rated, or rated apart (one verdict rates nobody yet). */
function recordOf(board: any, name: string) {
  return [...board.entries, ...board.ratedApart].find((e: any) => e.model.name === name);
}

function verdict(extra: Record<string, unknown>) {
  return {
    judge: 'fixer',
    prompt: { externalId: 'p1' },
    modelA: 'left',
    modelB: 'right',
    ...extra,
  };
}

test('a correction supersedes a verdict: it leaves the rankings but stays stored', async () => {
  const first = await server.graphql(
    RECORD,
    { input: { verdicts: [verdict({ outcome: 'A_BETTER', idempotencyKey: 'wrong' })] } },
    writer,
  );
  const wrongId = first.data.recordVerdicts.results[0].verdict.id;
  expect(recordOf((await server.graphql(BOARD)).data.leaderboard, 'left').wins).toBe(1);

  const fix = await server.graphql(
    RECORD,
    {
      input: {
        verdicts: [verdict({ outcome: 'B_BETTER', supersedes: wrongId, idempotencyKey: 'fixed' })],
      },
    },
    writer,
  );
  expect(fix.data.recordVerdicts.accepted).toBe(1);
  const fixedId = fix.data.recordVerdicts.results[0].verdict.id;
  const board = (await server.graphql(BOARD)).data.leaderboard;
  expect(board.verdictCount).toBe(1);
  expect(recordOf(board, 'left')).toMatchObject({
    wins: 0,
    losses: 1,
  });

  const stored = await server.graphql(`{ verdict(id: "${wrongId}") { outcome supersededBy } }`);
  expect(stored.data.verdict).toEqual({ outcome: 'A_BETTER', supersededBy: fixedId });
  const listed = await server.graphql(
    '{ verdicts(first: 10, filter: { judges: ["fixer"] }) { nodes { id } } all: verdicts(first: 10, filter: { judges: ["fixer"], includeSuperseded: true }) { nodes { id } } }',
  );
  expect(listed.data.verdicts.nodes.map((n: any) => n.id)).toEqual([fixedId]);
  expect(listed.data.all.nodes.map((n: any) => n.id)).toEqual([wrongId, fixedId]);

  const again = await server.graphql(
    RECORD,
    {
      input: {
        verdicts: [
          verdict({ outcome: 'TIE', supersedes: wrongId }),
          verdict({ outcome: 'TIE', supersedes: '987654321' }),
          verdict({ outcome: 'TIE', supersedes: 'abc' }),
          verdict({ outcome: 'TIE', supersedes: fixedId, idempotencyKey: 'fix-of-fix' }),
          verdict({ outcome: 'TIE', supersedes: fixedId }),
        ],
      },
    },
    writer,
  );
  expect(
    again.data.recordVerdicts.results.map((r: any) => [
      r.status,
      r.userErrors.map((e: any) => e.code),
    ]),
  ).toEqual([
    ['REJECTED', ['ALREADY_SUPERSEDED']],
    ['REJECTED', ['NOT_FOUND']],
    ['REJECTED', ['OUT_OF_RANGE']],
    ['ACCEPTED', []],
    ['REJECTED', ['ALREADY_SUPERSEDED']],
  ]);
});

test('deleteVerdicts needs a condition, removes the slice, and restores what a deleted correction had superseded', async () => {
  const everything = await server.graphql(
    'mutation { deleteVerdicts(filter: {}) { deleted } }',
    undefined,
    admin,
  );
  expect(everything.errors![0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'filter',
  });
  const forbidden = await server.graphql(
    'mutation { deleteVerdicts(filter: { judges: ["fixer"] }) { deleted } }',
    undefined,
    writer,
  );
  expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');

  const latest = await server.graphql(
    '{ verdicts(first: 10, filter: { judges: ["fixer"] }) { nodes { id outcome } } }',
  );
  const [current] = latest.data.verdicts.nodes;
  expect(current.outcome).toBe('TIE');
  const deleted = await server.graphql(
    `mutation { deleteVerdicts(filter: { ids: ["${current.id}"] }) { deleted } }`,
    undefined,
    admin,
  );
  expect(deleted.data.deleteVerdicts.deleted).toBe(1);
  // The correction it superseded is back in the rankings.
  const board = (await server.graphql(BOARD)).data.leaderboard;
  expect(recordOf(board, 'left')).toMatchObject({
    wins: 0,
    losses: 1,
  });

  await server.graphql(
    RECORD,
    {
      input: {
        verdicts: [
          verdict({ judge: 'bad-import', outcome: 'A_BETTER' }),
          verdict({ judge: 'bad-import', outcome: 'A_BETTER', prompt: { externalId: 'p2' } }),
        ],
      },
    },
    writer,
  );
  const slice = await server.graphql(
    'mutation { deleteVerdicts(filter: { judges: ["bad-import"] }) { deleted } }',
    undefined,
    admin,
  );
  expect(slice.data.deleteVerdicts.deleted).toBe(2);
  expect(
    (await server.graphql('{ leaderboard(input: { judges: ["bad-import"] }) { verdictCount } }'))
      .data.leaderboard.verdictCount,
  ).toBe(0);
});

test('the audit log says who superseded and deleted what', async () => {
  const log = await server.graphql(
    '{ auditLog(first: 100) { nodes { action apiKeyId details } } apiKeys { id name } }',
    undefined,
    admin,
  );
  expect(log.errors).toBeUndefined();
  const keyId = (name: string) => log.data.apiKeys.find((k: any) => k.name === name).id;
  const entries = log.data.auditLog.nodes.map((n: any) => ({
    ...n,
    details: JSON.parse(n.details),
  }));
  const actions = entries.map((e: any) => e.action);
  expect(actions).toEqual([
    'CREATE_KEY',
    'CREATE_KEY',
    'SUPERSEDE',
    'SUPERSEDE',
    'DELETE_VERDICTS',
    'DELETE_VERDICTS',
  ]);
  expect(entries[2]).toMatchObject({
    apiKeyId: keyId('pipeline'),
    details: { corrections: [{ verdict: expect.any(Number), supersedes: expect.any(Number) }] },
  });
  expect(entries[5]).toMatchObject({
    apiKeyId: keyId('ops'),
    details: { deleted: 2, filter: { judges: ['bad-import'] } },
  });
  expect(JSON.stringify(entries)).not.toMatch(/vk_[0-9a-f]{12}_/);
});
