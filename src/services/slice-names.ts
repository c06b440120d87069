/**
 * Unknown names in a slice are input errors, not empty results (DESIGN.md §6): a judge, category,
 * tag or model the catalogue has never seen is BAD_USER_INPUT naming the argument path, the value
 * (truncated) and the closest known names. The catalogue's names are read once per data version
 * and kind, and only for the kinds a filter names, so a slice without names costs nothing and
 * one with names costs a set lookup per name.
 */
import { excerpt } from '../domain/excerpt';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { closestNames } from '../domain/closest-names';
import { InvalidRequestError } from './errors';
import { readDataVersion } from './verdict-count-maintenance';
import type { VerdictFilter } from './verdict-filter';

type NameKind = 'judge' | 'category' | 'tag' | 'model';

const QUERIES: Record<NameKind, ReturnType<typeof sql>> = {
  // A judge is named by its name (every version) or `name@version`.
  judge: sql`SELECT name FROM judges UNION SELECT name || '@' || version FROM judges`,
  category: sql`SELECT DISTINCT category AS name FROM prompts WHERE category IS NOT NULL`,
  tag: sql`SELECT DISTINCT unnest(tags) AS name FROM prompts`,
  model: sql`SELECT name FROM models`,
};

const PLURAL: Record<NameKind, string> = {
  judge: 'judges',
  category: 'categories',
  tag: 'tags',
  model: 'models',
};

/** The catalogue's names at one data version, loaded per kind on first use. */
class KnownNames {
  private readonly kinds = new Map<NameKind, Promise<Set<string>>>();
  constructor(
    private readonly db: Database,
    readonly version: number,
  ) {}

  of(kind: NameKind): Promise<Set<string>> {
    let names = this.kinds.get(kind);
    if (names === undefined) {
      names = queryRows<{ name: string }>(this.db, QUERIES[kind]).then(
        (rows) => new Set(rows.map((row) => row.name)),
      );
      // A failed read is not kept: the next request reads again.
      void names.catch(() => this.kinds.delete(kind));
      this.kinds.set(kind, names);
    }
    return names;
  }
}

const catalogues = new WeakMap<Database, KnownNames>();

async function knownNames(db: Database): Promise<KnownNames> {
  const version = await readDataVersion(db);
  let known = catalogues.get(db);
  if (known === undefined || known.version !== version) {
    known = new KnownNames(db, version);
    catalogues.set(db, known);
  }
  return known;
}

export interface NamedModels {
  baseline?: string | null;
  anchor?: string | null;
}

/** How an argument is named in the error: a field of the filter, with its list index if any. */
export type ArgumentPath = (field: string, index: number | null) => string;

/** `input.judges[0]`, `filter.model`, …: the GraphQL path below an argument. */
export function pathUnder(argument: string): ArgumentPath {
  return (field, index) => `${argument}.${field}${index === null ? '' : `[${index}]`}`;
}

/**
 * Throws InvalidRequestError for the first name of `filter` (and of a leaderboard's baseline and
 * anchor) that the catalogue does not hold. `path` is where the filter's fields sit in the
 * request: `input` for a LeaderboardInput, `filter` for a VerdictFilterInput, or a function (the
 * CLI names its options).
 */
export async function requireKnownSliceNames(
  db: Database,
  filter: VerdictFilter,
  path: string | ArgumentPath,
  named: NamedModels = {},
): Promise<void> {
  const at = typeof path === 'string' ? pathUnder(path) : path;
  const wanted: [NameKind, string, string][] = [];
  const list = (kind: NameKind, field: string, values: readonly string[] | null | undefined) =>
    values?.forEach((value, i) => wanted.push([kind, at(field, i), value]));
  list('judge', 'judges', filter.judges);
  list('category', 'categories', filter.categories);
  list('tag', 'tags', filter.tags);
  list('model', 'models', filter.models);
  // An empty name is a name too: it must not read as "no model named" and slip through.
  if (filter.model != null) wanted.push(['model', at('model', null), filter.model]);
  if (named.baseline != null) wanted.push(['model', at('baseline', null), named.baseline]);
  if (named.anchor != null) wanted.push(['model', at('anchor.model', null), named.anchor]);
  if (wanted.length === 0) return;

  const known = await knownNames(db);
  for (const [kind, field, value] of wanted) {
    const names = await known.of(kind);
    if (!names.has(value)) throw unknownName(kind, field, value, names);
  }
}

function unknownName(
  kind: NameKind,
  field: string,
  value: string,
  names: ReadonlySet<string>,
): InvalidRequestError {
  const shown = excerpt(value);
  const listed = [...names].filter((name) => kind !== 'judge' || !isBareVersion(name, names));
  const count = listed.length;
  const close = closestNames(value, listed);
  const hint =
    count === 0
      ? `no ${PLURAL[kind]} are stored yet`
      : `closest known ${PLURAL[kind]}: ${close.map((name) => JSON.stringify(name.slice(0, 100))).join(', ')}`;
  return new InvalidRequestError(
    `${field} must name a known ${kind}, but ${shown} is none of the ${count} stored (${hint}).`,
    field,
  );
}

/**
 * `name@` is how a judge without a version is also spelled (it matches, so it stays a known name),
 * but listing it beside `name` would count one judge twice and suggest the same judge twice.
 */
function isBareVersion(name: string, names: ReadonlySet<string>): boolean {
  return name.endsWith('@') && names.has(name.slice(0, -1));
}
