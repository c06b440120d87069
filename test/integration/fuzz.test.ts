/**
 * Property-based fuzzing of the whole API over HTTP (test/support/operation-fuzzer.ts): random
 * queries and mutations generated from schema.graphql, with hostile values. For every answer:
 * no 5xx; every error carries a documented code (src/graphql/common/error-codes.ts); none is a
 * DATABASE_ERROR, DATABASE_UNAVAILABLE or INTERNAL_SERVER_ERROR (every input here is the
 * caller's doing); a rejected operation changes nothing stored; queries change nothing at all;
 * no message quotes more than an excerpt of the input; and the server still answers afterwards.
 * Variables include lists and objects nested 20,000 deep, lists of 6,000 members and odd dates.
 *
 * FUZZ_RUNS sets the number of operations (default 2,000: 70% queries, 30% mutations);
 * FUZZ_SEED replays a run. Each run prints what it did.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { buildSchema } from 'graphql';
import { ERROR_CODES, isDocumentedCode } from '../../src/graphql/common/error-codes';
import { queryRows } from '../../src/db/rows';
import {
  operationArbitrary,
  requestBody,
  type FuzzedOperation,
  type FuzzPools,
} from '../support/operation-fuzzer';
import { startTestServer, type TestServer } from '../support/test-server';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED =
  process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);
const SCHEMA = buildSchema(
  readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);
const FAULT_CODES = new Set(['DATABASE_ERROR', 'DATABASE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

const MODELS = ['fz-alpha', 'fz-bravo', 'fz-charlie', 'fz-delta'];
const JUDGES = ['fz-judge', 'fz-human-1', 'fz-human-2'];
const OUTCOMES = ['A_MUCH_BETTER', 'A_BETTER', 'TIE', 'B_BETTER', 'B_MUCH_BETTER', 'BOTH_BAD'];

let server: TestServer;
let pools: FuzzPools;
let tables: string[];
const tally = {
  operations: 0,
  byStatus: {} as Record<string, number>,
  byCode: {} as Record<string, number>,
  fields: new Set<string>(),
  arguments: new Set<string>(),
  rejectedMutations: 0,
};

beforeAll(async () => {
  server = await startTestServer({ production: true });
  const verdicts = Array.from({ length: 60 }, (_, i) => ({
    judge: JUDGES[i % 3],
    judgeKind: i % 3 === 0 ? 'LLM' : 'HUMAN',
    prompt: {
      externalId: `fz-q${i % 20}`,
      text: `Fuzz prompt ${i % 20}`,
      category: i % 2 ? 'coding' : 'writing',
      tags: ['fz-tag'],
    },
    modelA: MODELS[i % 4],
    modelB: MODELS[(i + 1 + (i % 3)) % 4],
    responseA: `answer ${i}`,
    outcome: OUTCOMES[i % 6],
    idempotencyKey: `fz-${i}`,
  }));
  const seeded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(60);
  const ids = await server.graphql<{ verdicts: { nodes: { id: string }[] } }>(
    '{ verdicts(first: 5) { nodes { id } } }',
  );
  pools = {
    strings: [...MODELS, ...JUDGES, 'coding', 'writing', 'fz-tag', 'fz-q1', 'fz-judge@', 'api'],
    ids: [...(ids.data?.verdicts.nodes.map((node) => node.id) ?? []), '1', '0', '-1'],
  };
  tables = (
    await queryRows<{ name: string }>(
      server.database.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    )
  ).map((row) => row.name);
}, 120_000);

afterAll(async () => {
  console.log(
    `fuzz (seed ${SEED}, ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}): ${tally.operations} operations; HTTP ${JSON.stringify(tally.byStatus)}; ` +
      `codes ${JSON.stringify(tally.byCode)}; ${tally.rejectedMutations} rejected mutations left the data unchanged; ` +
      `${tally.fields.size} root fields, ${tally.arguments.size} root arguments exercised`,
  );
  await server.close();
});

/** A digest of every stored row of every table. */
async function snapshot(): Promise<string> {
  const digests = await Promise.all(
    tables.map(async (table) => {
      const [row] = await queryRows<{ digest: string | null; n: string }>(
        server.database.db,
        sql.raw(
          `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM "${table}" t`,
        ),
      );
      return `${table}:${row.n}:${row.digest}`;
    }),
  );
  return digests.join(' ');
}

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: unknown } }[];
  };
}

async function send(operation: FuzzedOperation): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(operation),
  });
  const text = await response.text();
  tally.operations += 1;
  tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
  tally.fields.add(`${operation.kind}.${operation.rootField}`);
  for (const argument of operation.arguments) tally.arguments.add(`${operation.kind}.${argument}`);
  return { status: response.status, body: JSON.parse(text) as Answer['body'] };
}

function checkAnswer(operation: FuzzedOperation, answer: Answer): void {
  const context = `${operation.document.slice(0, 2000)}\nvariables ${JSON.stringify(operation.variables).slice(0, 2000)}\nanswer ${JSON.stringify(answer).slice(0, 2000)}`;
  if (answer.status >= 500) throw new Error(`HTTP ${answer.status} for\n${context}`);
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    tally.byCode[String(code)] = (tally.byCode[String(code)] ?? 0) + 1;
    if (!isDocumentedCode(code))
      throw new Error(`undocumented error code ${JSON.stringify(code)} for\n${context}`);
    if (FAULT_CODES.has(code)) throw new Error(`${code} caused by input:\n${context}`);
    // The fuzzer's huge string is 200,000 x's; a message may quote at most 40 characters of it.
    if (error.message.includes('x'.repeat(41)))
      throw new Error(`a message quotes more than 40 characters of the input:\n${context}`);
  }
}

/** Refused outright, or all its items refused: it must have stored nothing. */
function rejected(operation: FuzzedOperation, answer: Answer): boolean {
  const result = answer.body.data?.[operation.rootField];
  if ((answer.body.errors?.length ?? 0) > 0 && (result === undefined || result === null))
    return true;
  // A batch with nothing accepted and no duplicate (when the selection says so) was refused whole.
  const counts = result as { accepted?: unknown; duplicates?: unknown } | null | undefined;
  return (
    typeof counts === 'object' &&
    counts !== null &&
    counts.accepted === 0 &&
    counts.duplicates === 0
  );
}

test(`${Math.round(RUNS * 0.7)} fuzzed queries: no fault, only documented codes, nothing stored changes`, async () => {
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(operationArbitrary(SCHEMA, 'query', pools), async (operation) => {
      checkAnswer(operation, await send(operation));
    }),
    { numRuns: Math.round(RUNS * 0.7), seed: SEED, endOnFailure: true },
  );
  expect(await snapshot()).toBe(before);
  expect((await server.graphql('{ models { name } }')).data.models.length).toBeGreaterThanOrEqual(
    MODELS.length,
  );
}, 600_000);

test(`${Math.round(RUNS * 0.3)} fuzzed mutations: no fault, and a rejected one leaves the data as it was`, async () => {
  let before = await snapshot();
  await fc.assert(
    fc.asyncProperty(operationArbitrary(SCHEMA, 'mutation', pools), async (operation) => {
      const answer = await send(operation);
      checkAnswer(operation, answer);
      const after = await snapshot();
      if (rejected(operation, answer)) {
        tally.rejectedMutations += 1;
        if (after !== before) {
          const changed = after
            .split(' ')
            .filter((table) => !before.split(' ').includes(table))
            .map((table) => table.split(':')[0]);
          throw new Error(
            `a rejected mutation changed ${changed.join(', ')}:\n${operation.document.slice(0, 2000)}\n${JSON.stringify(operation.variables).slice(0, 1000)}\n${JSON.stringify(answer.body).slice(0, 1000)}`,
          );
        }
      }
      before = after;
    }),
    { numRuns: Math.round(RUNS * 0.3), seed: SEED, endOnFailure: true },
  );
  const health = await fetch(server.url.replace(/graphql$/, 'healthz'));
  expect(health.status).toBe(200);
  expect((await server.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
}, 600_000);

test('every root field and every root argument of the schema was exercised', () => {
  const expected = (['query', 'mutation'] as const).flatMap((kind) => {
    const root = kind === 'query' ? SCHEMA.getQueryType() : SCHEMA.getMutationType();
    return Object.values(root?.getFields() ?? {}).map((field) => ({ kind, field }));
  });
  if (tally.operations < RUNS) return; // an earlier test failed; it says why
  const missingFields = expected.filter(
    ({ kind, field }) => !tally.fields.has(`${kind}.${field.name}`),
  );
  const missingArguments = expected
    .flatMap(({ kind, field }) =>
      field.args.map((argument) => `${kind}.${field.name}.${argument.name}`),
    )
    .filter((name) => !tally.arguments.has(name));
  expect({ missingFields: missingFields.map(({ field }) => field.name), missingArguments }).toEqual(
    { missingFields: [], missingArguments: [] },
  );
});

test('the documented error codes are the README table', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const table = [...readme.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((match) => [
    match[1],
    Number(match[2]),
  ]);
  expect(Object.fromEntries(table)).toEqual(
    Object.fromEntries(Object.entries(ERROR_CODES).map(([code, info]) => [code, info.httpStatus])),
  );
});
