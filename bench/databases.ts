/**
 * A fresh, empty database for every load: a new PGlite data directory, or a new database on the
 * PostgreSQL server that DATABASE_URL names (created with CREATE DATABASE, dropped afterwards).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

export type DriverName = 'pglite' | 'postgres';

export interface FreshDatabase {
  label: string;
  /** The environment a `verdicts` process needs to use it. */
  env: NodeJS.ProcessEnv;
  sizeMegabytes(): Promise<number>;
  dispose(): Promise<void>;
}

export interface DatabaseFactory {
  driver: DriverName;
  create(label: string): Promise<FreshDatabase>;
  /** Server version, for results.json. */
  describe(): Promise<string>;
}

/** The environment of every spawned `verdicts` process: API keys off, the deployment's NODE_ENV. */
function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, VERDICTS_AUTH: 'off', NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.VERDICTS_DATA_DIR;
  return env;
}

export function pgliteFactory(workDirectory: string, pgliteVersion: string): DatabaseFactory {
  let serial = 0;
  return {
    driver: 'pglite',
    async create(label) {
      serial += 1;
      const directory = path.join(workDirectory, `pglite-${label}-${serial}`);
      await rm(directory, { recursive: true, force: true });
      await mkdir(path.dirname(directory), { recursive: true });
      return {
        label,
        env: { ...baseEnvironment(), VERDICTS_DATA_DIR: directory },
        async sizeMegabytes() {
          try {
            return (
              Number(execFileSync('du', ['-sk', directory], { encoding: 'utf8' }).split(/\s/)[0]) /
              1024
            );
          } catch {
            return NaN;
          }
        },
        dispose: () => rm(directory, { recursive: true, force: true }),
      };
    },
    describe: async () => `PGlite ${pgliteVersion} (embedded, data directory on local disk)`,
  };
}

export function postgresFactory(adminUrl: string): DatabaseFactory {
  let serial = 0;
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    driver: 'postgres',
    async create(label) {
      serial += 1;
      const name = `bench_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${serial}`;
      await admin((client) =>
        client
          .query(`DROP DATABASE IF EXISTS ${name}`)
          .then(() => client.query(`CREATE DATABASE ${name}`)),
      );
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        label,
        env: { ...baseEnvironment(), DATABASE_URL: url.toString() },
        sizeMegabytes: () =>
          admin(
            async (client) =>
              Number(
                (
                  await client.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [
                    name,
                  ])
                ).rows[0].bytes,
              ) /
              1024 /
              1024,
          ),
        dispose: () =>
          admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
            () => undefined,
          ),
      };
    },
    describe: () =>
      admin(async (client) => {
        const settings = await client.query(
          "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'work_mem', 'max_connections') ORDER BY name",
        );
        const map = Object.fromEntries(
          settings.rows.map((row: { name: string; setting: string }) => [row.name, row.setting]),
        );
        return `PostgreSQL ${map.server_version} (fsync ${map.fsync}, synchronous_commit ${map.synchronous_commit}, shared_buffers ${map.shared_buffers}×8kB, work_mem ${map.work_mem} kB, max_connections ${map.max_connections})`;
      }),
  };
}
