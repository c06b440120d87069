/** Environment → typed configuration. Nothing else in the code reads `process.env`. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects node-postgres; absent selects embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` keeps the database in memory (tests). */
  dataDir: string;
  production: boolean;
  maxRequestBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parseInteger(env.PORT, 4000, 'PORT', 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.VERDICTS_DATA_DIR) ?? path.resolve('.verdicts-data'),
    production: env.NODE_ENV === 'production',
    maxRequestBytes: parseInteger(env.VERDICTS_MAX_REQUEST_BYTES, 32 * 1024 * 1024, 'VERDICTS_MAX_REQUEST_BYTES', 1024),
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function parseInteger(raw: string | undefined, fallback: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, but got: ${JSON.stringify(raw)}`);
  }
  return value;
}
