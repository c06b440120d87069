import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArenaHardAnswers } from '../../src/ingest/arena-hard-answers';
import { parseArenaHardQuestions } from '../../src/ingest/arena-hard-questions';
import type { ImportItem } from '../../src/domain/import-item';
import { fixture, parseBytes, parseFile, problems } from './ingest-helpers';

function records<K extends ImportItem['kind']>(items: ImportItem[], kind: K) {
  return items.flatMap((item) =>
    item.kind === kind ? [item as Extract<ImportItem, { kind: K }>] : [],
  );
}

describe('arena-hard-questions', () => {
  it('reads v0.1 questions with their category and cluster tag', async () => {
    const items = await parseFile(parseArenaHardQuestions, 'arena-hard-v0.1-question.jsonl', {});
    const prompts = records(items, 'prompt');
    expect(prompts).toHaveLength(5);
    expect(prompts[0]).toEqual({
      kind: 'prompt',
      line: 1,
      record: {
        externalId: '328c149ed45a41c0b9d6f14659e63599',
        text: 'Use ABC notation to write a melody in the style of a folk tune.',
        category: 'arena-hard-v0.1',
        tags: ['cluster:ABC Sequence Puzzles & Groups'],
      },
    });
    expect(prompts[1].record.text).toMatch(/^SOLVE THIS IN C\+\+ : There are three cards/);
    expect(prompts[1].record.text).toContain('\u2264t\u22646');
  });

  it('reads v2.0 questions with their subcategory tag', async () => {
    const prompts = records(
      await parseFile(parseArenaHardQuestions, 'arena-hard-v2.0-question.jsonl', {}),
      'prompt',
    );
    expect(prompts.map((prompt) => prompt.record)).toEqual([
      {
        externalId: 'a1b2c3d4e5f60718',
        text: 'Write a haiku about rain on a tin roof.',
        category: 'creative_writing',
        tags: ['subcategory:poetry'],
      },
      {
        externalId: '0f1e2d3c4b5a6978',
        text: 'How do I find the k largest numbers in a stream?',
        category: 'hard_prompt',
        tags: [],
      },
    ]);
  });

  it('reports a question without id or text', async () => {
    const items = await parseBytes(
      parseArenaHardQuestions,
      '{"category": "x", "prompt": "p"}\n{"uid": "u", "turns": []}\n',
      {},
    );
    expect(problems(items)).toEqual([
      { line: 1, reason: 'expected question_id (v0.1) or uid (v2.0), but got nothing.' },
      {
        line: 2,
        reason:
          'expected the question text in turns[0].content (v0.1) or prompt (v2.0), but found none.',
      },
    ]);
  });
});

describe('arena-hard-answers', () => {
  it("reads v0.1 answers with the turn's token count", async () => {
    const responses = records(
      await parseFile(parseArenaHardAnswers, 'arena-hard-v0.1-answers-gpt-4-0613.jsonl', {}),
      'response',
    );
    expect(responses).toHaveLength(3);
    expect(responses[0]).toMatchObject({
      line: 1,
      record: {
        prompt: { externalId: '0122ab60646b4961bc39e9c03bdf6bcc' },
        model: 'gpt-4-0613',
        tokens: 628,
      },
    });
    expect(responses[0].record.text).toMatch(
      /^Implementing a SCIM \(System for Cross-domain Identity Management\) server in PHP/,
    );
    expect(responses.map((response) => response.record.tokens)).toEqual([628, 225, 310]);
  });

  it('reads v2.0 answers from the last assistant message, as {answer} or a plain string', async () => {
    const items = await parseFile(parseArenaHardAnswers, 'arena-hard-v2.0-answers.jsonl', {
      model: 'student-7b-renamed',
    });
    expect(records(items, 'response').map((response) => response.record)).toEqual([
      {
        prompt: { externalId: 'a1b2c3d4e5f60718', text: 'Write a haiku about rain on a tin roof.' },
        model: 'student-7b-renamed',
        text: 'Rain taps the tin roof\na thousand tiny fingers\nasking to come in',
        tokens: 21,
      },
      {
        prompt: {
          externalId: '0f1e2d3c4b5a6978',
          text: 'How do I find the k largest numbers in a stream?',
        },
        model: 'student-7b-renamed',
        text: 'Keep a min-heap of size k.',
        tokens: 9,
      },
    ]);
    expect(problems(items)).toEqual([
      {
        line: 3,
        reason:
          'expected the answer in choices[0].turns[0].content (v0.1) or in the last assistant message (v2.0), but found none.',
      },
    ]);
  });

  it('reads a gzipped answer file like the plain one, and stops with a clear error when it is cut short', async () => {
    const plain = readFileSync(fixture('arena-hard-v0.1-answers-gpt-4-0613.jsonl'));
    const zipped = gzipSync(plain);
    expect(await parseBytes(parseArenaHardAnswers, zipped, {})).toEqual(
      await parseBytes(parseArenaHardAnswers, plain, {}),
    );
    await expect(
      parseBytes(parseArenaHardAnswers, zipped.subarray(0, zipped.length - 20), {}),
    ).rejects.toThrow(/the gzip data ends early \(truncated file\)/);
  });
});
