/**
 * `npm run bench -- --suite coercion`: graphql-js's coercion of the `[VerdictInput!]!` variable
 * that `recordVerdicts` receives, per verdict, in one process with no server or database: the
 * largest single cost left in a write (README, "Ingestion"). It measures the schema as the server
 * builds it, and the same schema with its input field maps put back as graphql-js builds them
 * (`Object.create(null)` dictionaries; see src/graphql/common/fast-input-fields.ts), on the same
 * batches. It runs in a child process with NODE_ENV=production, as the server does, since
 * graphql-js picks its `instanceOf` check when it loads. Writes bench/results-coercion.json and .txt.
 *
 *   npm run bench -- --suite coercion [--runs 5] [--batch 5000]
 */
import { execFileSync } from 'node:child_process';
import 'reflect-metadata';
import { generateVerdicts } from './workload';
import { verdictInput } from './record-bench';
import { median, optionValue, writeSuiteResults } from './suite-support';

interface CoercionFigures {
  servedMicrosPerVerdict: number[];
  dictionaryMicrosPerVerdict: number[];
}

export async function runCoercionBench(argv: string[]): Promise<void> {
  const runs = Number(optionValue(argv, '--runs') ?? 5);
  const batch = Number(optionValue(argv, '--batch') ?? 5000);
  const output = execFileSync(
    process.execPath,
    [__filename, '--child', String(runs), String(batch)],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
    },
  );
  const figures = JSON.parse(output) as CoercionFigures;
  const served = median(figures.servedMicrosPerVerdict);
  const dictionary = median(figures.dictionaryMicrosPerVerdict);
  const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const table = [
    `graphql-js coercion of [VerdictInput!]! (batches of ${batch}), NODE_ENV=production, ${runs} runs`,
    `µs/verdict, schema as served            ${served.toFixed(2).padStart(6)}  (${list(figures.servedMicrosPerVerdict)})`,
    `µs/verdict, graphql-js's own field maps ${dictionary.toFixed(2).padStart(6)}  (${list(figures.dictionaryMicrosPerVerdict)})`,
  ].join('\n');
  console.log(table);
  await writeSuiteResults('coercion', argv, { batch, runs, served, dictionary, ...figures }, table);
}

/** The child: builds the schema, then times coerceInputValue on the same batch both ways. */
async function measure(runs: number, batchSize: number): Promise<CoercionFigures> {
  const { coerceInputValue, GraphQLList, GraphQLNonNull, isInputObjectType } =
    await import('graphql');
  const { buildVerdictsSchema } = await import('../src/graphql/schema');
  const schema = await buildVerdictsSchema();
  const verdictType = schema.getType('VerdictInput');
  if (!isInputObjectType(verdictType)) throw new Error('the schema has no input type VerdictInput');
  const listType = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(verdictType)));
  const inputs: Record<string, unknown>[] = [];
  for (const verdict of generateVerdicts(batchSize))
    inputs.push(verdictInput(verdict, inputs.length));
  // As a request body would bring them: objects made by JSON.parse.
  const batch = JSON.parse(JSON.stringify(inputs)) as unknown;
  const inputTypes = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const served = inputTypes.map((type) => type.getFields());
  const dictionaries = served.map((fields) => {
    const map = Object.create(null) as Record<string, unknown>;
    for (const name of Object.keys(fields)) map[name] = fields[name];
    return map;
  });
  const time = (maps: object[]): number => {
    inputTypes.forEach((type, index) => Reflect.set(type, '_fields', maps[index]));
    for (let warm = 0; warm < 3; warm += 1) coerceInputValue(batch, listType);
    const started = performance.now();
    coerceInputValue(batch, listType);
    return ((performance.now() - started) * 1000) / batchSize;
  };
  const figures: CoercionFigures = { servedMicrosPerVerdict: [], dictionaryMicrosPerVerdict: [] };
  for (let run = 0; run < runs; run += 1) {
    figures.servedMicrosPerVerdict.push(time(served));
    figures.dictionaryMicrosPerVerdict.push(time(dictionaries));
  }
  return figures;
}

if (require.main === module && process.argv[2] === '--child') {
  measure(Number(process.argv[3]), Number(process.argv[4])).then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
