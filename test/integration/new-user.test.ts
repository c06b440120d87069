/**
 * The README's "tried as a new user" path (issue #18): its quick start, `verdicts demo`, and one
 * import of each public data set in the shared data store with the README's own commands, each
 * run as a user would (the built CLI against a fresh database, a spawned server). Every number and
 * text checked is read from the README where the README states it, so the test follows the README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cliDatabase, type CliDatabase } from '../support/cli';
import { ARENA_HARD, SHARED_DATA } from '../support/arena-hard-files';
import { serveDatabase } from '../support/served-cli';
import { postGraphQL } from '../support/test-server';

jest.setTimeout(300_000);

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The README's fenced blocks of one language, in order. */
function blocks(language: string): string[] {
  return [...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
    (match) => match[1],
  );
}

/** A README sentence's number: the first capture of `pattern`, commas dropped. */
function readmeNumber(pattern: RegExp): number {
  // Sentences wrap: read them with every run of white space as one space.
  const found = pattern.exec(README.replace(/\s+/g, ' '));
  if (!found) throw new Error(`the README no longer says ${pattern}`);
  return Number(found[1].replace(/,/g, ''));
}

/** Shell words of one command line (plain words and '…' quotes, as the README writes them). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]);
}

/** The README's `npx verdicts …` commands of a sh block, continuation lines joined. */
function verdictsCommands(block: string): string[][] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx verdicts '))
    .map((line) => shellWords(line).slice(2));
}

const databases: CliDatabase[] = [];
async function freshDatabase(): Promise<CliDatabase> {
  const database = await cliDatabase();
  databases.push(database);
  return database;
}
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

describe('the quick start', () => {
  test('a key, the server, the two verdicts and the leaderboard query, as the README gives them', async () => {
    const cli = await freshDatabase();
    const keyCommand = blocks('sh')
      .flatMap(verdictsCommands)
      .find((args) => args[0] === 'keys' && args[1] === 'create')!;
    const created = await cli.run(keyCommand);
    expect(created.status).toBe(0);
    // "prints the key once"
    const key = created.stdout.trim();
    expect(key).toMatch(/^vk_\S+$/);

    const served = await serveDatabase(cli);
    try {
      // "Open http://localhost:4000/ in a browser for the dashboard"
      const page = await fetch(served.url.replace(/graphql$/, ''));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');

      const [mutation, query] = blocks('graphql');
      expect(mutation).toContain('recordVerdicts');
      const recorded = await postGraphQL(served.url, mutation, undefined, {
        authorization: `Bearer ${key}`,
      });
      expect(recorded.errors).toBeUndefined();
      // "Record two verdicts (the second gives only the judge's text; the label is read from [[B>A]])"
      expect(recorded.data.recordVerdicts).toMatchObject({
        accepted: 2,
        duplicates: 0,
        rejected: 0,
      });
      expect(
        recorded.data.recordVerdicts.results.map((result: any) => result.verdict.outcome),
      ).toEqual(['A_BETTER', 'B_BETTER']);

      // "and read the leaderboard": the README's query runs on the data it describes.
      expect(query).toContain('leaderboard');
      const board = await postGraphQL(served.url, query);
      expect(board.errors).toBeUndefined();
      expect(board.data.leaderboard.verdictCount).toBe(2);
      // gpt-4-0613 won both. (How models without a finite estimate are listed may change, so
      // only the records of the models listed are checked.)
      const expected: Record<string, number[]> = { 'gpt-4-0613': [2, 0, 2], 'claude-2': [0, 2, 2] };
      for (const entry of board.data.leaderboard.entries)
        expect([entry.wins, entry.losses, entry.battles]).toEqual(expected[entry.model.name]);

      // "From the command line (queries need no key)": the curl command's query.
      const curl = /-d '(\{"query":.*\})'/.exec(README)!;
      const curled = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: curl[1],
      });
      expect(curled.status).toBe(200);
      const curledBody = (await curled.json()) as any;
      expect(curledBody.errors).toBeUndefined();
      // Two models, each on the board or listed apart (neither has a finite estimate here).
      const { entries, ratedApart } = curledBody.data.leaderboard;
      expect(entries.length + ratedApart.length).toBe(2);
    } finally {
      await served.stop();
    }
  });
});

describe('verdicts demo', () => {
  // "LLMFAO: 59 models, 8,931 crowd votes, GPT-4 and GPT-3.5 judges on the same pairs"
  const models = readmeNumber(/LLMFAO: (\d+) models/);
  const crowdVotes = readmeNumber(/LLMFAO: \d+ models, ([\d,]+) crowd votes/);

  test('prints the leaderboard, the GraphQL URL and a first query that runs; again it stores nothing new', async () => {
    const cli = await freshDatabase();
    const served = await serveDatabase(cli, {}, ['demo']);
    let firstQuery: string;
    try {
      const printed = served.output();
      expect(printed).toMatch(/Loaded 14,294 new rows \(0 already there, 0 rejected\)/);
      expect(printed).toContain(`${models} models`);
      expect(printed).toContain(served.url);
      const query = /A first query to run in Apollo Sandbox:\n\n([\s\S]*?\n\})\n/.exec(printed);
      expect(query).not.toBeNull();
      firstQuery = query![1];
      const answer = await postGraphQL(served.url, firstQuery);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.leaderboard.modelCount).toBe(models);
      const crowd = await postGraphQL(
        served.url,
        '{ leaderboard(input: { judgeKinds: [HUMAN], bootstrapRounds: 0 }) { verdictCount modelCount } }',
      );
      expect(crowd.data.leaderboard).toEqual({ verdictCount: crowdVotes, modelCount: models });
    } finally {
      await served.stop();
    }
    // "Running it again stores nothing new."
    const again = await cli.run(['demo', '--load-only']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Loaded 0 new rows \(14,294 already there, 0 rejected\)/);
  });
});

describe("the README's import commands on the shared public data", () => {
  const importBlock = blocks('sh').find((block) => block.includes('import arena-battles'))!;
  const commands = verdictsCommands(importBlock);
  /** The README's placeholder paths, and the shared store's files they stand for. */
  const FILES: Record<string, string> = {
    'battles.jsonl': path.join(ARENA_HARD, 'battles_official_judgments_2models.jsonl'),
    'data/arena-hard-v0.1/question.jsonl': path.join(ARENA_HARD, 'question.jsonl'),
    'data/arena-hard-v0.1/model_answer/': path.join(ARENA_HARD, 'model_answer'),
    'crowd-comparisons.csv': path.join(SHARED_DATA, 'llmfao', 'crowd-comparisons.csv'),
    'copilot.csv': path.join(SHARED_DATA, 'copilot_arena_sample', 'copilot_arena_examples_v1.csv'),
  };
  function command(format: string): string[] {
    const found = commands.find((args) => args[1] === format && args[2] in FILES);
    if (!found) throw new Error(`the README has no \`verdicts import ${format}\` example`);
    return found.map((word) => FILES[word] ?? word);
  }
  const summary = (stdout: string) => {
    const found =
      /accepted ([\d,]+), duplicates ([\d,]+), rejected ([\d,]+), skipped ([\d,]+)/.exec(stdout);
    if (!found) throw new Error(`no import summary in ${stdout.slice(0, 500)}`);
    const [accepted, duplicates, rejected, skipped] = found
      .slice(1)
      .map((count) => Number(count.replaceAll(',', '')));
    return { accepted, duplicates, rejected, skipped };
  };

  test('Arena-Hard: battles, then questions and answers; the published scores, answers linked', async () => {
    const cli = await freshDatabase();
    const battles = await cli.run(command('arena-battles'));
    expect(battles.status).toBe(0);
    expect(summary(battles.stdout)).toEqual({
      accepted: 2658,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    const questions = await cli.run(command('arena-hard-questions'));
    // The battles stored these prompts by id already: the questions complete them with their
    // text and category, which counts as stored (ACCEPTED), not as a duplicate.
    const questionCounts = summary(questions.stdout);
    expect(questionCounts.accepted + questionCounts.duplicates).toBe(500);
    expect(questionCounts.accepted).toBe(500);
    expect(questionCounts.rejected).toBe(0);
    const answers = await cli.run(command('arena-hard-answers'));
    expect(summary(answers.stdout)).toMatchObject({ rejected: 0 });

    // "Arena-Hard-Auto v0.1's scores of gpt-4-0613 (37.90) and gpt-3.5-turbo-0125 (23.34)"
    const published = {
      'gpt-4-0613': readmeNumber(/scores of gpt-4-0613 \(([\d.]+)\)/),
      'gpt-3.5-turbo-0125': readmeNumber(/gpt-3\.5-turbo-0125 \(([\d.]+)\) with their intervals/),
    };
    const board = await cli.run([
      'leaderboard',
      '--json',
      '--judge',
      'gpt-4-1106-preview',
      '--baseline',
      'gpt-4-0314',
      '--anchor',
      'gpt-4-0314=1000',
    ]);
    expect(board.status).toBe(0);
    const entries = JSON.parse(board.stdout).entries as any[];
    for (const [model, score] of Object.entries(published))
      expect(entries.find((entry) => entry.model.name === model).winRateVsBaseline.toFixed(2)).toBe(
        score.toFixed(2),
      );

    // The answers imported after the battles are linked: style control rates every battle.
    const styled = await cli.run([
      'leaderboard',
      '--style-control',
      '--bootstrap-rounds',
      '0',
      '--judge',
      'gpt-4-1106-preview',
    ]);
    expect(styled.status).toBe(0);
    expect(styled.stdout).toContain(
      "Style control: 2,658 of the slice's 2,658 verdicts had both answers' style counts",
    );
  });

  test('LLMFAO crowd votes, one judge per worker', async () => {
    const cli = await freshDatabase();
    const imported = await cli.run(command('csv').includes('worker') ? command('csv') : []);
    expect(imported.status).toBe(0);
    const crowdVotes = readmeNumber(/LLMFAO: \d+ models, ([\d,]+) crowd votes/);
    expect(summary(imported.stdout)).toEqual({
      accepted: crowdVotes,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    const board = await cli.run([
      'leaderboard',
      '--json',
      '--judge-kind',
      'HUMAN',
      '--bootstrap-rounds',
      '0',
    ]);
    expect(JSON.parse(board.stdout)).toMatchObject({
      verdictCount: crowdVotes,
      modelCount: readmeNumber(/LLMFAO: (\d+) models/),
    });
    // The file does not say which answer each worker saw first.
    const exported = await cli.run(['export', 'verdicts', '--format', 'jsonl']);
    const shownFirst = new Set(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).shown_first),
    );
    expect([...shownFirst]).toEqual([null]);
  });

  test('Copilot Arena: every vote of the sample is stored', async () => {
    const cli = await freshDatabase();
    const copilot = commands.find((args) => args.includes('copilot.csv'))!;
    const imported = await cli.run(copilot.map((word) => FILES[word] ?? word));
    const rows = Number(/Imported ([\d,]+) rows/.exec(imported.stdout)![1].replace(/,/g, ''));
    expect(rows).toBeGreaterThan(100);
    expect(summary(imported.stdout)).toEqual({
      accepted: rows,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(imported.status).toBe(0);
  });
});
