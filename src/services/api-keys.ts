/**
 * API keys. A key is `vk_<prefix>_<secret>`: the prefix names the key (it is stored and shown),
 * the secret is 256 random bits. The database keeps only SHA-256 of the whole key, which is enough
 * for a high-entropy secret (no slow hash needed); the comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiKeys } from '../db/schema';
import { recordAudit } from './audit';
import { InvalidRequestError } from './errors';
import { excerpt } from '../domain/excerpt';

export type KeyScope = 'read' | 'write' | 'admin';
export const KEY_SCOPES: KeyScope[] = ['read', 'write', 'admin'];

/** A scope includes the ones before it: write may also read, admin may do everything. */
export function scopeAllows(held: KeyScope, needed: KeyScope): boolean {
  return KEY_SCOPES.indexOf(held) >= KEY_SCOPES.indexOf(needed);
}

export interface Principal {
  apiKeyId: number;
  name: string;
  scope: KeyScope;
}

export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: string };

const KEY_PATTERN = /^vk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const PREFIX_PATTERN = /^[0-9a-f]{12}$/;
const MAX_KEY_ID = 2_147_483_647; // api_keys.id is a Postgres integer

/**
 * What `revoke <id|prefix>` names. A prefix is always 12 hex digits, and one in about 300 is all
 * decimal digits, so a 12-character string is read as a prefix first; a shorter number is an id.
 * Anything else names no key (null), rather than an id the column cannot hold.
 */
export function parseKeyReference(idOrPrefix: string): { prefix: string } | { id: number } | null {
  if (PREFIX_PATTERN.test(idOrPrefix)) return { prefix: idOrPrefix };
  if (!/^\d{1,10}$/.test(idOrPrefix)) return null;
  const id = Number(idOrPrefix);
  return id >= 1 && id <= MAX_KEY_ID ? { id } : null;
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export async function createApiKey(
  db: Database,
  name: string,
  scope: KeyScope,
  actor: number | null = null,
): Promise<{ key: string; id: number; prefix: string }> {
  if (!KEY_SCOPES.includes(scope))
    throw new InvalidRequestError(
      `scope must be one of ${KEY_SCOPES.join(', ')}, but got ${excerpt(scope)}.`,
      'scope',
    );
  if (name.trim() === '' || name.length > 200)
    throw new InvalidRequestError(
      `name must be 1 to 200 characters, but got ${name.trim() === '' ? 'an empty name' : `${name.length}`}.`,
      'name',
    );
  const prefix = randomBytes(6).toString('hex');
  const key = `vk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name: name.trim(), scope, prefix, secretHash: hashKey(key).toString('hex') })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, actor, 'CREATE_KEY', { id: row.id, prefix, name: name.trim(), scope });
    return { key, id: row.id, prefix };
  });
}

export async function listApiKeys(db: Database) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(asc(apiKeys.id));
}

/** Revokes by id or prefix; true when a live key was revoked. */
export async function revokeApiKey(
  db: Database,
  idOrPrefix: string,
  actor: number | null = null,
): Promise<boolean> {
  const reference = parseKeyReference(idOrPrefix);
  if (!reference) return false;
  return db.transaction(async (tx) => {
    const condition =
      'id' in reference ? eq(apiKeys.id, reference.id) : eq(apiKeys.prefix, reference.prefix);
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(sql`${condition} AND ${apiKeys.revokedAt} IS NULL`)
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    if (rows.length > 0)
      await recordAudit(tx, actor, 'REVOKE_KEY', { id: rows[0].id, prefix: rows[0].prefix });
    return rows.length > 0;
  });
}

export async function countLiveApiKeys(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(sql`${apiKeys.revokedAt} IS NULL`);
  return row.n;
}

/** Checks an `Authorization: Bearer <key>` value. Reasons never repeat the key. */
export async function authenticate(db: Database, header: string): Promise<Authentication> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    return {
      ok: false,
      reason: 'The Authorization header must be "Bearer <key>", but it has another form.',
    };
  const key = match[1];
  const parts = KEY_PATTERN.exec(key);
  if (!parts)
    return {
      ok: false,
      reason: 'The API key is malformed: expected vk_<12 hex digits>_<43 characters>.',
    };
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, parts[1]));
  const presented = hashKey(key);
  // Compare even when no row exists, so that timing does not tell a known prefix from an unknown one.
  const stored = row ? Buffer.from(row.secretHash, 'hex') : Buffer.alloc(presented.length);
  const matches = timingSafeEqual(presented, stored) && row !== undefined;
  if (!matches) return { ok: false, reason: 'The API key is not valid.' };
  if (row.revokedAt !== null)
    return { ok: false, reason: `The API key ${row.prefix} was revoked.` };
  return { ok: true, principal: { apiKeyId: row.id, name: row.name, scope: row.scope } };
}
