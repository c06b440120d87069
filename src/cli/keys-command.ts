/** `verdicts keys create|list|revoke`: API key management from the machine that holds the database. */
import type { Config } from '../config';
import { createApiKey, KEY_SCOPES, listApiKeys, revokeApiKey, type KeyScope } from '../services/api-keys';
import { helpText, parseArguments, UsageError, type OptionSpec } from './arguments';
import { openMigratedDatabase } from './database';

const OPTIONS: OptionSpec[] = [
  { name: 'scope', kind: 'string', valueName: 'read|write|admin', description: 'create: what the key may do (write may also read; admin may do everything).' },
  { name: 'name', kind: 'string', valueName: 'text', description: 'create: who or what uses the key, e.g. "nightly-judge-pipeline".' },
  { name: 'json', kind: 'boolean', description: 'list: print JSON.' },
  { name: 'help', kind: 'boolean', description: 'Show this help.' },
];

export const KEYS_USAGE = helpText(
  'Usage: verdicts keys create --scope <scope> --name <name>\n       verdicts keys list [--json]\n       verdicts keys revoke <id|prefix>\n\n' +
    'The key is printed once by create; only a hash of it is stored. Requests send it as "Authorization: Bearer <key>".',
  OPTIONS,
);

export async function keysCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts keys');
  const [action, target, ...extra] = parsed.positionals;
  if (parsed.options.get('help') || action === undefined) {
    console.log(KEYS_USAGE);
    return action === undefined && !parsed.options.get('help') ? 2 : 0;
  }
  if (extra.length > 0) throw new UsageError(`keys: unexpected words after "${action}".`);
  if (action === 'create') {
    const scope = parsed.options.get('scope') as string | undefined;
    const name = parsed.options.get('name') as string | undefined;
    if (!scope || !KEY_SCOPES.includes(scope as KeyScope)) throw new UsageError(`keys create: --scope must be one of ${KEY_SCOPES.join(', ')}, but got ${JSON.stringify(scope ?? null)}.`);
    if (!name) throw new UsageError('keys create: --name is required (who or what uses the key).');
  } else if (action === 'revoke') {
    if (!target) throw new UsageError('keys revoke: name the key by id or prefix (see verdicts keys list).');
  } else if (action !== 'list') {
    throw new UsageError(`keys: expected create, list or revoke, but got ${JSON.stringify(action)}.`);
  }

  const database = await openMigratedDatabase(config);
  try {
    if (action === 'create') {
      const created = await createApiKey(database.db, parsed.options.get('name') as string, parsed.options.get('scope') as KeyScope);
      console.log(created.key);
      console.error(`Created key ${created.id} (${created.prefix}) with scope ${parsed.options.get('scope')}. Store it now: it is not shown again.`);
      return 0;
    }
    if (action === 'revoke') {
      const revoked = await revokeApiKey(database.db, target!);
      if (!revoked) {
        console.error(`verdicts: no live key with id or prefix ${JSON.stringify(target)}.`);
        return 2;
      }
      console.log(`Revoked key ${target}.`);
      return 0;
    }
    const keys = await listApiKeys(database.db);
    if (parsed.options.get('json')) console.log(JSON.stringify(keys, null, 2));
    else {
      for (const key of keys) {
        console.log(`${String(key.id).padStart(4)}  ${key.prefix}  ${key.scope.padEnd(5)}  ${key.revokedAt ? 'revoked' : 'live   '}  ${key.name}`);
      }
      if (keys.length === 0) console.log('No API keys. Create one with: verdicts keys create --scope admin --name <you>');
    }
    return 0;
  } finally {
    await database.close();
  }
}
