/**
 * Revoking a key by id or by prefix. A prefix is 12 random hex digits, so about one in 300 is all
 * decimal digits: such a prefix must still revoke its key, not be read as an id out of range.
 */
import { eq, sql } from 'drizzle-orm';
import { apiKeys } from '../../src/db/schema';
import { createApiKey, parseKeyReference } from '../../src/services/api-keys';
import { cliDatabase } from '../support/cli';
import { startTestServer, type TestServer } from '../support/test-server';

const DIGIT_PREFIX = '861097218517';

let server: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ auth: true });
  admin = {
    authorization: `Bearer ${(await createApiKey(server.database.db, 'me', 'admin')).key}`,
  };
});
afterAll(async () => {
  await server.close();
});

async function revoke(reference: string): Promise<boolean> {
  const result = await server.graphql(
    'mutation ($key: String!) { revokeApiKey(key: $key) }',
    { key: reference },
    admin,
  );
  expect(result.errors).toBeUndefined();
  return result.data.revokeApiKey;
}

async function isRevoked(id: number): Promise<boolean> {
  const [row] = await server.database.db
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.id, id));
  return row.revokedAt !== null;
}

test('a prefix of decimal digits revokes its key', async () => {
  const { id } = await createApiKey(server.database.db, 'digits', 'read');
  await server.database.db.update(apiKeys).set({ prefix: DIGIT_PREFIX }).where(eq(apiKeys.id, id));
  expect(await revoke(DIGIT_PREFIX)).toBe(true);
  expect(await isRevoked(id)).toBe(true);
  expect(await revoke(DIGIT_PREFIX)).toBe(false);
});

test('an id revokes its key, and a number no key can have names none', async () => {
  const { id, prefix } = await createApiKey(server.database.db, 'by-id', 'read');
  expect(await revoke('99999999999')).toBe(false);
  expect(await revoke('0')).toBe(false);
  expect(await isRevoked(id)).toBe(false);
  expect(await revoke(String(id))).toBe(true);
  expect(await isRevoked(id)).toBe(true);
  expect(await revoke(prefix)).toBe(false);
  const [{ live }] = await server.database.db
    .select({ live: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(sql`${apiKeys.revokedAt} IS NULL`);
  expect(live).toBe(1);
});

test('what a reference names', () => {
  expect(parseKeyReference(DIGIT_PREFIX)).toEqual({ prefix: DIGIT_PREFIX });
  expect(parseKeyReference('a1b2c3d4e5f6')).toEqual({ prefix: 'a1b2c3d4e5f6' });
  expect(parseKeyReference('42')).toEqual({ id: 42 });
  expect(parseKeyReference('2147483647')).toEqual({ id: 2147483647 });
  expect(parseKeyReference('2147483648')).toBeNull();
  expect(parseKeyReference('A1B2C3D4E5F6')).toBeNull();
  expect(parseKeyReference('')).toBeNull();
});

test('verdicts keys revoke refuses a reference no key can have, and revokes by id', async () => {
  const cli = await cliDatabase();
  try {
    const tooLong = await cli.run(['keys', 'revoke', '99999999999']);
    expect(tooLong.status).toBe(2);
    expect(tooLong.stderr).toContain(
      'keys revoke: expected a key id (a number up to 2147483647) or a 12-hex-digit prefix, but got "99999999999".',
    );
    const created = await cli.run(['keys', 'create', '--scope', 'read', '--name', 'ci']);
    expect(created.status).toBe(0);
    const id = /Created key (\d+) /.exec(created.stderr)![1];
    const revoked = await cli.run(['keys', 'revoke', id]);
    expect(revoked).toMatchObject({ status: 0, stdout: `Revoked key ${id}.\n` });
  } finally {
    await cli.drop();
  }
});
