import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

type Executor = Pick<Database, 'execute'>;

/** Runs raw SQL and returns its rows; both drivers put them under `.rows`. */
export async function queryRows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (!hasRows<Row>(result))
    throw new TypeError('expected the driver to return { rows: [...] }, but it did not.');
  return result.rows;
}

/** The row type is the query's promise; the check is that the driver kept its result shape. */
function hasRows<Row>(result: unknown): result is { rows: Row[] } {
  return (
    typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)
  );
}
