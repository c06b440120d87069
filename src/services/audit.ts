import type { Database } from '../db/client';
import { auditLog } from '../db/schema';

type Executor = Pick<Database, 'insert'>;

/** One audit row: who (the key, null when auth is off or from the CLI), what, and its details. */
export async function recordAudit(
  db: Executor,
  apiKeyId: number | null,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditLog).values({ apiKeyId, action, details });
}
