/**
 * The API key of a WebSocket connection, sent once in `connection_init`'s payload
 * (`connectionParams`) as `{ authorization: 'Bearer <key>' }`, the value an HTTP request carries
 * in its Authorization header; checked as HTTP checks it (services/api-keys.ts).
 */
import type { Database } from '../../db/client';
import { authenticate, type Principal } from '../../services/api-keys';

export type ConnectionAuth =
  { ok: true; principal: Principal | null } | { ok: false; reason: string };

export async function authenticateConnection(
  db: Database,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): Promise<ConnectionAuth> {
  const header = connectionParams?.authorization ?? connectionParams?.Authorization;
  if (header === undefined || header === null) return { ok: true, principal: null };
  if (typeof header !== 'string') {
    return {
      ok: false,
      reason: 'connectionParams.authorization must be the string "Bearer <key>".',
    };
  }
  const result = await authenticate(db, header);
  return result.ok
    ? { ok: true, principal: result.principal }
    : { ok: false, reason: result.reason };
}
