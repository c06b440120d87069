/** `verdicts keys create|list|revoke`: API key management from the machine that holds the database. */
import type { Config } from '../config';
import {
  createApiKey,
  KEY_SCOPES,
  listApiKeys,
  parseKeyReference,
  revokeApiKey,
  type KeyScope,
} from '../services/api-keys';
import {
  HELP_OPTION,
  helpText,
  parseArguments,
  UsageError,
  type OptionSpec,
  type ParsedArguments,
} from './arguments';
import { openMigratedDatabase } from './database';

const OPTIONS: OptionSpec[] = [
  {
    name: 'scope',
    kind: 'string',
    valueName: 'read|write|admin',
    description: 'create: what the key may do (write may also read; admin may do everything).',
  },
  {
    name: 'name',
    kind: 'string',
    valueName: 'text',
    description: 'create: who or what uses the key, e.g. "nightly-judge-pipeline".',
  },
  { name: 'json', kind: 'boolean', description: 'list: print JSON.' },
  HELP_OPTION,
];

export const KEYS_USAGE = helpText(
  'Usage: verdicts keys create --scope <scope> --name <name>\n       verdicts keys list [--json]\n       verdicts keys revoke <id|prefix>\n\n' +
    'The key is printed once by create; only a hash of it is stored. Requests send it as "Authorization: Bearer <key>".',
  OPTIONS,
);

export async function keysCommand(argv: string[], config: Config): Promise<number> {
  const parsed = parseArguments(argv, OPTIONS, 'verdicts keys');
  const [action, target, ...extra] = parsed.positionals;
  if (parsed.flag('help') || action === undefined) {
    console.log(KEYS_USAGE);
    return parsed.flag('help') ? 0 : 2;
  }
  if (extra.length > 0) throw new UsageError(`keys: unexpected words after "${action}".`);
  const request = keysRequest(action, target, parsed);

  const database = await openMigratedDatabase(config, {
    name: 'keys',
    whileServed: 'stop the server',
  });
  try {
    if (request.action === 'create') {
      const created = await createApiKey(database.db, request.name, request.scope);
      console.log(created.key);
      console.error(
        `Created key ${created.id} (${created.prefix}) with scope ${request.scope}. Store it now: it is not shown again.`,
      );
      return 0;
    }
    if (request.action === 'revoke') {
      const revoked = await revokeApiKey(database.db, request.target);
      if (!revoked) {
        console.error(`verdicts: no live key with id or prefix ${JSON.stringify(request.target)}.`);
        return 2;
      }
      console.log(`Revoked key ${request.target}.`);
      return 0;
    }
    const keys = await listApiKeys(database.db);
    if (parsed.flag('json')) console.log(JSON.stringify(keys, null, 2));
    else {
      for (const key of keys) {
        console.log(
          `${String(key.id).padStart(4)}  ${key.prefix}  ${key.scope.padEnd(5)}  ${key.revokedAt ? 'revoked' : 'live   '}  ${key.name}`,
        );
      }
      if (keys.length === 0)
        console.log(
          'No API keys. Create one with: verdicts keys create --scope admin --name <you>',
        );
    }
    return 0;
  } finally {
    await database.close();
  }
}

type KeysRequest =
  | { action: 'create'; scope: KeyScope; name: string }
  | { action: 'revoke'; target: string }
  | { action: 'list' };

/** Checks the action and its options before the database is opened. */
function keysRequest(
  action: string,
  target: string | undefined,
  parsed: ParsedArguments,
): KeysRequest {
  if (action === 'create') {
    const scopeText = parsed.string('scope');
    const scope = KEY_SCOPES.find((candidate) => candidate === scopeText);
    const name = parsed.string('name');
    if (!scope)
      throw new UsageError(
        `keys create: --scope must be one of ${KEY_SCOPES.join(', ')}, but got ${JSON.stringify(scopeText ?? null)}.`,
      );
    if (!name) throw new UsageError('keys create: --name is required (who or what uses the key).');
    return { action, scope, name };
  }
  if (action === 'revoke') {
    if (!target)
      throw new UsageError('keys revoke: name the key by id or prefix (see verdicts keys list).');
    if (!parseKeyReference(target))
      throw new UsageError(
        `keys revoke: expected a key id (a number up to 2147483647) or a 12-hex-digit prefix, but got ${JSON.stringify(target)}.`,
      );
    return { action, target };
  }
  if (action !== 'list')
    throw new UsageError(
      `keys: expected create, list or revoke, but got ${JSON.stringify(action)}.`,
    );
  return { action };
}
