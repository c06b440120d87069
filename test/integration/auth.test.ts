/**
 * The auth matrix: every query and mutation × no key / read / write / admin / revoked / malformed,
 * with public reads on (the default) and off.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';

type Credential = 'none' | 'read' | 'write' | 'admin' | 'revoked' | 'malformed';
type Need = 'public' | 'read' | 'write' | 'admin';

const OPERATIONS: { name: string; document: string; need: Need }[] = [
  { name: 'models', document: '{ models { name } }', need: 'read' },
  { name: 'model', document: '{ model(name: "m1") { name } }', need: 'read' },
  { name: 'judges', document: '{ judges { name } }', need: 'read' },
  { name: 'prompts', document: '{ prompts(first: 1) { nodes { id } } }', need: 'read' },
  { name: 'responses', document: '{ responses(first: 1) { nodes { id } } }', need: 'read' },
  { name: 'verdicts', document: '{ verdicts(first: 1) { nodes { id } } }', need: 'read' },
  { name: 'verdict', document: '{ verdict(id: "1") { id } }', need: 'read' },
  {
    name: 'leaderboard',
    document: '{ leaderboard(input: { bootstrapRounds: 0 }) { verdictCount } }',
    need: 'read',
  },
  {
    name: 'headToHead',
    document: '{ headToHead(modelA: "m1", modelB: "m2") { wins } }',
    need: 'read',
  },
  { name: 'judgeReport', document: '{ judgeReport(judge: "j1") { verdicts } }', need: 'read' },
  {
    name: 'judgeAgreement',
    document: '{ judgeAgreement(judgeA: "j1", judgeB: "j2") { pairs } }',
    need: 'read',
  },
  {
    name: 'rankingAgreement',
    document: '{ rankingAgreement(judgeA: "j1", judgeB: "j2") { models } }',
    need: 'read',
  },
  { name: 'apiKeys', document: '{ apiKeys { prefix } }', need: 'admin' },
  { name: 'auditLog', document: '{ auditLog(first: 1) { nodes { action } } }', need: 'admin' },
  {
    name: 'recordVerdicts',
    document:
      'mutation { recordVerdicts(input: { verdicts: [{ judge: "j1", prompt: { text: "p" }, modelA: "m1", modelB: "m2", outcome: TIE }] }) { accepted } }',
    need: 'write',
  },
  {
    name: 'deleteVerdicts',
    document: 'mutation { deleteVerdicts(filter: { ids: ["999999"] }) { deleted } }',
    need: 'admin',
  },
  {
    name: 'createApiKey',
    document:
      'mutation { createApiKey(input: { name: "made-by-test", scope: READ }) { apiKey { scope } } }',
    need: 'admin',
  },
  {
    name: 'revokeApiKey',
    document: 'mutation { revokeApiKey(key: "000000000000") }',
    need: 'admin',
  },
];

const RANK: Record<Credential, number> = {
  none: -1,
  revoked: -1,
  malformed: -1,
  read: 0,
  write: 1,
  admin: 2,
};
const NEED_RANK: Record<Need, number> = { public: -1, read: 0, write: 1, admin: 2 };

function expectedCode(credential: Credential, need: Need, publicRead: boolean): string | null {
  if (credential === 'revoked' || credential === 'malformed') return 'UNAUTHENTICATED';
  const effective: Need = need === 'read' && publicRead ? 'public' : need;
  if (effective === 'public') return null;
  if (credential === 'none') return 'UNAUTHENTICATED';
  return RANK[credential] >= NEED_RANK[effective] ? null : 'FORBIDDEN';
}

describe.each([true, false])('with public reads %s', (publicRead) => {
  let server: TestServer;
  const headers: Record<Credential, Record<string, string>> = {
    none: {},
    read: {},
    write: {},
    admin: {},
    revoked: {},
    malformed: { authorization: 'Bearer vk_not-a-key' },
  };

  beforeAll(async () => {
    server = await startTestServer({ auth: true, publicRead });
    for (const scope of ['read', 'write', 'admin'] as const) {
      const { key } = await createApiKey(server.database.db, `test-${scope}`, scope);
      headers[scope] = { authorization: `Bearer ${key}` };
    }
    const revoked = await createApiKey(server.database.db, 'test-revoked', 'admin');
    await revokeApiKey(server.database.db, revoked.prefix);
    headers.revoked = { authorization: `Bearer ${revoked.key}` };
    const seeded = await server.graphql(
      OPERATIONS.find((o) => o.name === 'recordVerdicts')!.document,
      undefined,
      headers.admin,
    );
    expect(seeded.data.recordVerdicts.accepted).toBe(1);
    await server.graphql(
      'mutation { recordVerdicts(input: { verdicts: [{ judge: "j2", prompt: { text: "p" }, modelA: "m1", modelB: "m2", outcome: A_BETTER }] }) { accepted } }',
      undefined,
      headers.admin,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  const cases = OPERATIONS.flatMap((operation) =>
    (['none', 'read', 'write', 'admin', 'revoked', 'malformed'] as Credential[]).map(
      (credential) => [operation.name, credential, operation] as const,
    ),
  );

  test.each(cases)('%s with %s key', async (_name, credential, operation) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers[credential] },
      body: JSON.stringify({ query: operation.document }),
    });
    const body: any = await response.json();
    const code = expectedCode(credential, operation.need, publicRead);
    if (code === null) {
      expect(body.errors).toBeUndefined();
      expect(response.status).toBe(200);
    } else {
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe(code);
      expect(response.status).toBe(code === 'UNAUTHENTICATED' ? 401 : 403);
      expect(body.data ?? null).toBeNull();
      // The key is never repeated back.
      expect(JSON.stringify(body)).not.toContain(
        headers[credential].authorization?.slice(7) || 'no-key',
      );
    }
  });

  test('each stored verdict records the key that wrote it', async () => {
    const before = await server.graphql(
      '{ verdicts(first: 500) { nodes { id } } }',
      undefined,
      headers.admin,
    );
    const written = await server.graphql(
      'mutation { recordVerdicts(input: { verdicts: [{ judge: "j3", prompt: { text: "q" }, modelA: "m3", modelB: "m4", outcome: TIE }] }) { results { verdict { id } } } }',
      undefined,
      headers.write,
    );
    const id = Number(written.data.recordVerdicts.results[0].verdict.id);
    expect(before.data.verdicts.nodes.map((n: any) => Number(n.id))).not.toContain(id);
    const [row] = await queryRows<{ name: string; scope: string }>(
      server.database.db,
      sql`
      SELECT k.name, k.scope::text AS scope FROM verdicts v JOIN api_keys k ON k.id = v.api_key_id WHERE v.id = ${id}`,
    );
    expect(row).toEqual({ name: 'test-write', scope: 'write' });
  });

  test('keys are stored only as hashes', async () => {
    const rows = await queryRows<{ secret_hash: string; prefix: string }>(
      server.database.db,
      sql`SELECT secret_hash, prefix FROM api_keys`,
    );
    for (const row of rows) expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(rows);
    for (const scope of ['read', 'write', 'admin'] as const)
      expect(stored).not.toContain(secretOf(headers[scope].authorization));
  });
});

/** The secret part of `vk_<prefix>_<secret>` (the secret itself may contain '_'). */
function secretOf(key: string): string {
  return key.slice(key.indexOf('_', key.indexOf('vk_') + 3) + 1);
}
