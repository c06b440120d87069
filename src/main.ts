/**
 * CLI entry: `verdicts <command>`. Every command reads the same database settings as the server
 * (DATABASE_URL, VERDICTS_DATA_DIR) and exits non-zero with a message on failure.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HELP_OPTION, parseArguments, refusePositionals, UsageError } from './cli/arguments';
import { exitQuietlyOnClosedPipe } from './cli/closed-pipe';
import { isQuickCommand, useBaselineCompilerOnly } from './cli/wasm-compiler';
import { loadConfig, type Config } from './config';

// Each command's modules load when it runs: `keys` or `--help` need neither the GraphQL stack
// nor the importers, and loading every module made each call pay ~0.5 s of start-up (issue 20).

const USAGE = `Usage: verdicts <command> [options]     (each command takes --help)

Commands:
  serve                     Run the GraphQL server
  migrate                   Apply pending database migrations and exit
  import <format> <file>…   Import verdicts, prompts or answers from files (verdicts import --help)
  export verdicts|leaderboard   Write verdicts or a leaderboard as JSON lines or CSV
  leaderboard               Print a leaderboard (or --json)
  compare --candidate X --baseline Y   Decide X against Y (a CI release gate; exit 0/1/3)
  next --count N            The comparisons to judge next (adaptive or uniform pairs)
  demo                      Load the LLMFAO demo data and serve it
  keys create|list|revoke   Manage API keys (create prints the key once)
  emit-schema               Write the GraphQL schema to schema.graphql

Environment:
  DATABASE_URL        postgres://… to use a PostgreSQL server; unset for embedded PGlite
  VERDICTS_DATA_DIR   PGlite data directory (default ./.verdicts-data)
  PORT, HOST          where serve and demo listen (default 4000 on 127.0.0.1)
  VERDICTS_AUTH       off to accept writes without an API key (default on)
  VERDICTS_PUBLIC_READ  false to require a key for queries too (default true)

Exit status: 0 success, 1 some rows rejected (import), 2 failure; compare: 0 better or
non-inferior, 1 worse, 3 inconclusive, 2 failure.`;

/** Help of the commands that take no arguments; the others parse their own, --help included. */
const HELP: Record<string, string> = {
  serve:
    'Usage: verdicts serve\n\nRuns the GraphQL server on PORT (default 4000); SIGTERM drains in-flight requests and exits.',
  migrate: 'Usage: verdicts migrate\n\nApplies pending migrations from drizzle/ and exits.',
  'emit-schema':
    'Usage: verdicts emit-schema\n\nWrites the GraphQL schema emitted from the code to schema.graphql.',
};

/** True when `verdicts <command> --help` asked for help; anything but --help is refused. */
function helpRequested(command: string, argv: string[]): boolean {
  const parsed = parseArguments(argv, [HELP_OPTION], `verdicts ${command}`);
  refusePositionals(parsed, command);
  return parsed.flag('help');
}

async function migrate(config: Config): Promise<number> {
  const { openMigratedDatabase } = await import('./cli/database');
  const database = await openMigratedDatabase(config, {
    name: 'migrate',
    whileServed: 'stop the server',
  });
  await database.close();
  console.log('Migrations applied.');
  return 0;
}

async function emitSchema(): Promise<number> {
  const target = path.resolve(__dirname, '..', 'schema.graphql');
  const { printVerdictsSchema } = await import('./graphql/schema');
  await writeFile(target, await printVerdictsSchema());
  console.log(`Wrote ${target}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command in HELP && helpRequested(command, rest)) {
    console.log(HELP[command]);
    return 0;
  }
  const config = loadConfig();
  if (isQuickCommand(command)) useBaselineCompilerOnly();
  switch (command) {
    case 'serve':
      return (await import('./cli/serve-command')).serveCommand(config);
    case 'migrate':
      return migrate(config);
    case 'import':
      return (await import('./cli/import-command')).importCommand(rest, config);
    case 'export':
      return (await import('./cli/export-command')).exportCommand(rest, config);
    case 'leaderboard':
      return (await import('./cli/leaderboard-command')).leaderboardCommand(rest, config);
    case 'compare':
      return (await import('./cli/compare-command')).compareCommand(rest, config);
    case 'next':
      return (await import('./cli/next-command')).nextCommand(rest, config);
    case 'demo':
      return (await import('./cli/demo-command')).demoCommand(rest, config);
    case 'keys':
      return (await import('./cli/keys-command')).keysCommand(rest, config);
    case 'emit-schema':
      return emitSchema();
    default:
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; expected one of serve, migrate, import, export, leaderboard, compare, next, demo, keys, emit-schema. See verdicts --help.`,
        'UNKNOWN_COMMAND',
      );
  }
}

exitQuietlyOnClosedPipe();
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(`verdicts: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
