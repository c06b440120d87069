/**
 * Issue 18 item 4: an unknown judge, category, tag, model, baseline or anchor in a slice is
 * BAD_USER_INPUT naming the argument path, the value and the closest known names, wherever a
 * LeaderboardInput or VerdictFilterInput is taken; never an empty answer.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliDatabase, type CliDatabase } from '../support/cli';
import { recordAll } from '../support/record';
import { Recorder, subscriptionClient } from '../support/subscription-client';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const verdicts = [];
  for (let i = 0; i < 12; i += 1) {
    verdicts.push({
      judge: i % 2 === 0 ? 'gpt-4' : 'gpt-4-1106-preview',
      judgeVersion: 'v1',
      prompt: {
        externalId: `names-${i % 4}`,
        text: `Prompt ${i % 4}`,
        category: i % 4 < 2 ? 'coding' : 'writing',
        tags: ['hard'],
      },
      modelA: ['gpt-4-0613', 'claude-2', 'mixtral'][i % 3],
      modelB: ['claude-2', 'mixtral', 'gpt-4-0613'][i % 3],
      outcome: i % 5 === 0 ? 'B_BETTER' : 'A_BETTER',
      idempotencyKey: `names-${i}`,
    });
  }
  await recordAll(server, verdicts);
});
afterAll(async () => {
  await server.close();
});

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) { verdictCount entries { model { name } } winRates { predicted } }
}`;

/** The request's one error, which must be BAD_USER_INPUT on `field`, with no data. */
async function inputError(query: string, variables: Record<string, unknown>, field: string) {
  const result = await server.graphql(query, variables);
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors as { message: string; extensions: Record<string, unknown> }[];
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(error.message.startsWith(`${field} must name a known `)).toBe(true);
  return error.message;
}

describe('leaderboards', () => {
  test('an unknown judge names the path, the value and the closest judges', async () => {
    const message = await inputError(BOARD, { input: { judges: ['gpt4'] } }, 'input.judges[0]');
    expect(message).toBe(
      'input.judges[0] must name a known judge, but "gpt4" is none of the 4 stored ' +
        '(closest known judges: "gpt-4", "gpt-4@v1", "gpt-4-1106-preview").',
    );
  });

  test.each([
    [{ categories: ['coding', 'Writng'] }, 'input.categories[1]', '"writing"'],
    [{ tags: ['HARD'] }, 'input.tags[0]', '"hard"'],
    [{ models: ['gpt-4-0613', 'claude2'] }, 'input.models[1]', '"claude-2"'],
    [{ baseline: 'mixtral-8x7b' }, 'input.baseline', '"mixtral"'],
    [{ anchor: { model: 'GPT-4-0613', rating: 1000 } }, 'input.anchor.model', '"gpt-4-0613"'],
    // An empty name is a name nobody has, not "no baseline" or "no anchor".
    [{ baseline: '' }, 'input.baseline', '"claude-2"'],
    [{ anchor: { model: '', rating: 1000 } }, 'input.anchor.model', '"claude-2"'],
  ])('%j is refused at %s, suggesting %s', async (input, field, suggestion) => {
    const message = await inputError(BOARD, { input }, field);
    expect(message).toContain(`closest known`);
    expect(message).toContain(suggestion);
  });

  test('known names, also name@version, still rate; a known name with no verdicts is an empty board', async () => {
    const known = await server.graphql(BOARD, {
      input: { judges: ['gpt-4@v1'], categories: ['coding'], tags: ['hard'] },
    });
    expect(known.errors).toBeUndefined();
    expect(known.data.leaderboard.verdictCount).toBeGreaterThan(0);
    const none = await server.graphql(BOARD, {
      input: { judges: ['gpt-4'], models: ['claude-2'] },
    });
    expect(none.errors).toBeUndefined();
    expect(none.data.leaderboard.verdictCount).toBe(0);
  });

  test('a huge unknown value is cut short in the message, never echoed back', async () => {
    const huge = 'x'.repeat(100_000);
    const message = await inputError(BOARD, { input: { judges: [huge] } }, 'input.judges[0]');
    expect(message.length).toBeLessThan(400);
    expect(message).toContain(`"${'x'.repeat(40)}"…`);
  });

  test('a name recorded later is known from then on', async () => {
    await inputError(BOARD, { input: { judges: ['late-judge'] } }, 'input.judges[0]');
    await recordAll(server, [
      {
        judge: 'late-judge',
        prompt: { externalId: 'names-late' },
        modelA: 'claude-2',
        modelB: 'mixtral',
        outcome: 'TIE',
        idempotencyKey: 'names-late',
      },
    ]);
    const result = await server.graphql(BOARD, { input: { judges: ['late-judge'] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.leaderboard.verdictCount).toBe(1);
  });
});

describe('every other query that takes a slice', () => {
  test.each([
    ['verdicts', `{ verdicts(filter: { judges: ["GPT-4"] }) { nodes { id } } }`],
    [
      'headToHead',
      `{ headToHead(modelA: "claude-2", modelB: "mixtral", filter: { judges: ["GPT-4"] }) { wins } }`,
    ],
    ['judgeReport', `{ judgeReport(judge: "gpt-4", filter: { judges: ["GPT-4"] }) { judge } }`],
    [
      'judgeAgreement',
      `{ judgeAgreement(judgeA: "gpt-4", judgeB: "gpt-4-1106-preview", filter: { judges: ["GPT-4"] }) { pairs } }`,
    ],
    [
      'rankingAgreement',
      `{ rankingAgreement(judgeA: "gpt-4", judgeB: "gpt-4-1106-preview", filter: { judges: ["GPT-4"] }) { judgeA } }`,
    ],
  ])('%s', async (_name, query) => {
    const message = await inputError(query, {}, 'filter.judges[0]');
    expect(message).toContain('"GPT-4" is none of');
    expect(message).toContain('closest known judges: "gpt-4"');
  });

  test('deleteVerdicts refuses an unknown name instead of deleting nothing', async () => {
    await inputError(
      `mutation { deleteVerdicts(filter: { models: ["no-such-model"] }) { deleted } }`,
      {},
      'filter.models[0]',
    );
  });

  test("a leaderboard subscription's first answer is the same error", async () => {
    const client = subscriptionClient(server.url);
    try {
      const board = new Recorder(
        client,
        'subscription ($judges: [String!]) { leaderboardChanged(input: { judges: $judges }) { verdictCount } }',
        { judges: ['gpt4'] },
      );
      await board.ended();
      // graphql-ws sends a subscription that fails at subscribe time as one result with errors.
      const errors = board.failure ?? board.events[0]?.errors;
      expect(errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.judges[0]',
      });
      expect(errors[0].message).toContain('closest known judges: "gpt-4"');
    } finally {
      await client.dispose();
    }
  });
});

describe('the command line', () => {
  let cli: CliDatabase;
  beforeAll(async () => {
    cli = await cliDatabase();
    const imported = await cli.run([
      'import',
      'arena-battles',
      path.join(
        __dirname,
        '..',
        'fixtures',
        'arena-hard',
        'battles_official_judgments_2models.jsonl',
      ),
      '--judge',
      'gpt-4-1106-preview',
      '--judge-kind',
      'LLM',
    ]);
    expect(imported.status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cli.drop();
  });

  test('leaderboard and export name the option, the value and the closest names, and write nothing', async () => {
    const board = await cli.run(['leaderboard', '--judge', 'gpt4-1106-preview']);
    expect(board).toMatchObject({ status: 2, stdout: '' });
    expect(board.stderr).toBe(
      // One judge without a version: counted once and suggested once (not also as `name@`).
      'verdicts: --judge must name a known judge, but "gpt4-1106-preview" is none of the 1 stored ' +
        '(closest known judges: "gpt-4-1106-preview").\n',
    );
    const output = path.join(os.tmpdir(), `verdicts-unknown-names-${process.pid}.jsonl`);
    const exported = await cli.run(['export', 'verdicts', '--model', 'gpt-4', '--output', output]);
    expect(exported.status).toBe(2);
    expect(exported.stderr).toContain('--model must name a known model, but "gpt-4" is none');
    expect(exported.stderr).toContain('"gpt-4-0314"');
    expect(existsSync(output)).toBe(false);
  });
});
