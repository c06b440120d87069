/**
 * A small command-line parser: positionals, `--name value`, `--name=value`, boolean `--flag`, and
 * repeatable options. Unknown options are an error that lists the known ones.
 */
export interface OptionSpec {
  /** kebab-case, as typed: `bootstrap-rounds`. */
  name: string;
  kind: 'string' | 'boolean' | 'list';
  description: string;
  valueName?: string;
}

export interface ParsedArguments {
  positionals: string[];
  options: Map<string, string | boolean | string[]>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArguments(argv: string[], specs: OptionSpec[], command: string): ParsedArguments {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const positionals: string[] = [];
  const options = new Map<string, string | boolean | string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    if (argument === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!argument.startsWith('--') || argument === '-') {
      positionals.push(argument);
      continue;
    }
    const [name, inlineValue] = splitOnce(argument.slice(2), '=');
    const spec = byName.get(name);
    if (!spec) {
      const known = specs.map((s) => `--${s.name}`).join(', ') || 'none';
      throw new UsageError(`${command}: unknown option --${name}; the options are ${known}. See ${command} --help.`);
    }
    if (spec.kind === 'boolean') {
      if (inlineValue !== undefined && inlineValue !== 'true' && inlineValue !== 'false') {
        throw new UsageError(`${command}: --${name} takes no value or true/false, but got ${JSON.stringify(inlineValue)}.`);
      }
      options.set(name, inlineValue !== 'false');
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) throw new UsageError(`${command}: --${name} needs a value (${spec.valueName ?? 'value'}), but none was given.`);
    if (spec.kind === 'list') options.set(name, [...((options.get(name) as string[] | undefined) ?? []), value]);
    else options.set(name, value);
  }
  return { positionals, options };
}

export function helpText(usage: string, specs: OptionSpec[]): string {
  const width = Math.max(0, ...specs.map((spec) => optionLabel(spec).length));
  const lines = specs.map((spec) => `  ${optionLabel(spec).padEnd(width)}  ${spec.description}`);
  return `${usage}\n${lines.length > 0 ? `\nOptions:\n${lines.join('\n')}\n` : ''}`;
}

function optionLabel(spec: OptionSpec): string {
  return spec.kind === 'boolean' ? `--${spec.name}` : `--${spec.name} <${spec.valueName ?? 'value'}>${spec.kind === 'list' ? ' …' : ''}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}


export function camelToKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
