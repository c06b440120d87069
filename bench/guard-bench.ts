/**
 * `npm run bench -- --suite guard`: how long the operation guard takes on the most expensive
 * documents a request may carry (issue 11: "well under 50 ms"). In process, no database: for each
 * document, the median and maximum of parse (with the token limit), validation, and the guard's
 * own work (variables, measure, string check) over repeated runs. Writes
 * bench/results-guard.json and bench/results-guard.txt.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getOperationAST, Kind, parse, validate, type FragmentDefinitionNode } from 'graphql';
import { DEFAULT_LIMITS } from '../src/config';
import { measureOperation } from '../src/graphql/guards/operation-measure';
import { checkStringArguments } from '../src/graphql/guards/string-arguments';
import { buildVerdictsSchema } from '../src/graphql/schema';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = 21;

/** The largest n whose document still parses within the token limit (binary search). */
function largest(build: (n: number) => string, maxTokens: number): { n: number; text: string } {
  let low = 1;
  let high = maxTokens;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      parse(build(middle), { maxTokens });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return { n: low, text: build(low) };
}

const fanOut = (levels: number) =>
  `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${levels} on Query { models { name } }`;
const chain = (length: number) =>
  `query { ...F0 } ${Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ')} fragment F${length} on Query { models { name } }`;
const wide = (fields: number) =>
  `{ ${Array.from({ length: fields }, (_, i) => `m${i}: model(name: "m${i}") { name }`).join(' ')} }`;

/** Documents at the token limit, each built to be as costly as it can for one phase. */
function documents(maxTokens: number): Record<string, string> {
  const fan = largest(fanOut, maxTokens);
  const long = largest(chain, maxTokens);
  const many = largest(wide, maxTokens);
  return {
    [`fragment fan-out, ${fan.n} levels`]: fan.text,
    [`fragment chain, ${long.n} fragments`]: long.text,
    [`${many.n} aliased string-argument fields`]: many.text,
    'one 30 MB string argument': `{ model(name: "${'x'.repeat(30 * 1024 * 1024)}") { name } }`,
  };
}

interface Row {
  document: string;
  tokens: number;
  characters: number;
  parseMs: number;
  validateMs: number;
  guardMs: number;
  totalMedianMs: number;
  totalMaxMs: number;
}

function time(action: () => void): number {
  const started = process.hrtime.bigint();
  action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runGuardBench(): Promise<void> {
  const schema = await buildVerdictsSchema();
  const rows: Row[] = [];
  for (const maxTokens of [DEFAULT_LIMITS.maxTokens, 20_000]) {
    for (const [name, text] of Object.entries(documents(maxTokens))) {
      const samples = {
        parse: [] as number[],
        validate: [] as number[],
        guard: [] as number[],
        total: [] as number[],
      };
      for (let run = 0; run < RUNS; run += 1) {
        let document = parse('{ __typename }');
        const parseMs = time(() => (document = parse(text, { maxTokens })));
        const validateMs = time(() => validate(schema, document));
        const guardMs = time(() => {
          const operation = getOperationAST(document);
          if (!operation) throw new Error('no operation');
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments[definition.name.value] = definition;
          measureOperation(schema, operation, fragments, {});
          checkStringArguments(schema, operation, fragments, {});
        });
        samples.parse.push(parseMs);
        samples.validate.push(validateMs);
        samples.guard.push(guardMs);
        samples.total.push(parseMs + validateMs + guardMs);
      }
      rows.push({
        document: `${name} (maxTokens ${maxTokens})`,
        tokens: maxTokens,
        characters: text.length,
        parseMs: median(samples.parse),
        validateMs: median(samples.validate),
        guardMs: median(samples.guard),
        totalMedianMs: median(samples.total),
        totalMaxMs: Math.max(...samples.total),
      });
    }
  }
  const fixed = (value: number) => value.toFixed(2).padStart(9);
  const table = [
    `Guard: parse + validate + measure of maximal documents, median of ${RUNS} runs (ms); node ${process.version}, ${os.cpus().length} CPUs`,
    `${'document'.padEnd(62)}     parse  validate     guard     total   max total`,
    ...rows.map(
      (row) =>
        `${row.document.padEnd(62)}${fixed(row.parseMs)} ${fixed(row.validateMs)} ${fixed(row.guardMs)} ${fixed(row.totalMedianMs)} ${fixed(row.totalMaxMs)}`,
    ),
  ].join('\n');
  console.log(table);
  await writeFile(
    path.join(ROOT, 'bench', 'results-guard.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), runs: RUNS, node: process.version, cpus: os.cpus().length, rows }, null, 2)}\n`,
  );
  await writeFile(path.join(ROOT, 'bench', 'results-guard.txt'), `${table}\n`);
}
