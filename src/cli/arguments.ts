/**
 * Command-line parsing on Node's `util.parseArgs` in strict mode: positionals, `--name value`,
 * `--name=value`, boolean `--flag` (also `--flag=true|false`), repeatable options, and `--`
 * before positionals that start with a dash. A command declares its options as a table of
 * `OptionSpec`s; the same table prints its help.
 *
 * Strict mode refuses what a hand-written parser would guess at: an unknown option, a missing
 * value, and a value that looks like an option (`--judge --model x` does not name the judge
 * "--model"). When it refuses, the input is read once more without strictness to say which
 * option was wrong and what it received.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  /** kebab-case, as typed: `bootstrap-rounds`. */
  name: string;
  kind: 'string' | 'boolean' | 'list';
  description: string;
  valueName?: string;
}

export type OptionValue = string | boolean | string[];

export type UsageErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_OPTION'
  | 'MISSING_VALUE'
  | 'OPTION_AS_VALUE'
  | 'UNEXPECTED_VALUE'
  | 'UNEXPECTED_ARGUMENT'
  | 'INVALID_ARGUMENT';

/** A mistake on the command line: exit status 2 with the message. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code: UsageErrorCode = 'INVALID_ARGUMENT',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export class ParsedArguments {
  constructor(
    readonly positionals: string[],
    readonly options: ReadonlyMap<string, OptionValue>,
  ) {}

  /** The value of a `string` option, if given. */
  string(name: string): string | undefined {
    const value = this.options.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** Every value of a `list` option in the order given, if given at all. */
  list(name: string): string[] | undefined {
    const value = this.options.get(name);
    return Array.isArray(value) ? value : undefined;
  }

  /** Whether a `boolean` option is on (last mention wins). */
  flag(name: string): boolean {
    return this.options.get(name) === true;
  }
}

export const HELP_OPTION: OptionSpec = {
  name: 'help',
  kind: 'boolean',
  description: 'Show this help.',
};

export function parseArguments(
  argv: string[],
  specs: OptionSpec[],
  command: string,
): ParsedArguments {
  const { args, booleanValues } = spellBooleansBare(argv, specs, command);
  const config = Object.fromEntries(
    specs.map((spec) => [
      spec.name,
      {
        type: spec.kind === 'boolean' ? ('boolean' as const) : ('string' as const),
        multiple: spec.kind === 'list',
      },
    ]),
  );
  const tokens = (() => {
    try {
      return parseArgs({
        args,
        options: config,
        strict: true,
        allowPositionals: true,
        tokens: true,
      }).tokens;
    } catch (error) {
      throw explainRefusal(args, specs, command, error);
    }
  })();
  const positionals: string[] = [];
  const options = new Map<string, OptionValue>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = specs.find((candidate) => candidate.name === token.name);
    if (spec?.kind === 'boolean') options.set(token.name, booleanValues.get(token.index) ?? true);
    else if (spec?.kind === 'list')
      options.set(token.name, [...(listValue(options.get(token.name)) ?? []), token.value ?? '']);
    else options.set(token.name, token.value ?? '');
  }
  return new ParsedArguments(positionals, options);
}

/** For commands that take options only: a positional is a mistake. */
export function refusePositionals(parsed: ParsedArguments, command: string): void {
  if (parsed.positionals.length === 0) return;
  throw new UsageError(
    `${command}: expected no arguments, but got ${JSON.stringify(parsed.positionals[0])}.`,
    'UNEXPECTED_ARGUMENT',
  );
}

export function helpText(usage: string, specs: OptionSpec[]): string {
  const width = Math.max(0, ...specs.map((spec) => optionLabel(spec).length));
  const lines = specs.map((spec) => `  ${optionLabel(spec).padEnd(width)}  ${spec.description}`);
  return `${usage}\n${lines.length > 0 ? `\nOptions:\n${lines.join('\n')}\n` : ''}`;
}

export function camelToKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function optionLabel(spec: OptionSpec): string {
  if (spec.kind === 'boolean') return `--${spec.name}`;
  return `--${spec.name} <${spec.valueName ?? 'value'}>${spec.kind === 'list' ? ' …' : ''}`;
}

function listValue(value: OptionValue | undefined): string[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/**
 * `util.parseArgs` takes booleans bare only; `--flag=true` and `--flag=false` are accepted too,
 * so they are rewritten to `--flag` and the value kept by argument index.
 */
function spellBooleansBare(
  argv: string[],
  specs: OptionSpec[],
  command: string,
): { args: string[]; booleanValues: Map<number, boolean> } {
  const booleans = new Set(
    specs.filter((spec) => spec.kind === 'boolean').map((spec) => spec.name),
  );
  const booleanValues = new Map<number, boolean>();
  const terminator = argv.indexOf('--');
  const args = argv.map((argument, index) => {
    if ((terminator >= 0 && index > terminator) || !argument.startsWith('--')) return argument;
    const at = argument.indexOf('=');
    const name = argument.slice(2, at);
    if (at < 0 || !booleans.has(name)) return argument;
    const value = argument.slice(at + 1);
    if (value !== 'true' && value !== 'false') {
      throw new UsageError(
        `${command}: --${name} takes no value or true/false, but got ${JSON.stringify(value)}.`,
        'UNEXPECTED_VALUE',
      );
    }
    booleanValues.set(index, value === 'true');
    return `--${name}`;
  });
  return { args, booleanValues };
}

/** Says which argument strict parsing refused and why, in expected-versus-received terms. */
function explainRefusal(
  args: string[],
  specs: OptionSpec[],
  command: string,
  error: unknown,
): UsageError {
  const { tokens } = parseArgs({
    args,
    options: Object.fromEntries(
      specs.map((spec) => [
        spec.name,
        { type: spec.kind === 'boolean' ? ('boolean' as const) : ('string' as const) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = specs.find((candidate) => candidate.name === token.name);
    if (!spec) {
      const known = specs.map((s) => `--${s.name}`).join(', ') || 'none';
      return new UsageError(
        `${command}: unknown option ${token.rawName}; the options are ${known}. See ${command} --help.`,
        'UNKNOWN_OPTION',
      );
    }
    const expected = spec.valueName ? `a value (${spec.valueName})` : 'a value';
    if (spec.kind === 'boolean') {
      if (token.inlineValue) {
        return new UsageError(
          `${command}: --${spec.name} takes no value or true/false, but got ${JSON.stringify(token.value)}.`,
          'UNEXPECTED_VALUE',
        );
      }
    } else if (token.value === undefined) {
      return new UsageError(
        `${command}: --${spec.name} needs ${expected}, but none was given.`,
        'MISSING_VALUE',
      );
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      return new UsageError(
        `${command}: --${spec.name} needs ${expected}, but got ${JSON.stringify(token.value)}, which reads as an option; ` +
          `write --${spec.name}=${token.value} if the value really starts with a dash.`,
        'OPTION_AS_VALUE',
      );
    }
  }
  return new UsageError(`${command}: ${error instanceof Error ? error.message : String(error)}`);
}
