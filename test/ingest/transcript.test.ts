import { readFileSync } from 'node:fs';
import { ImportOptionsError } from '../../src/ingest/format-options';
import {
  parseJudgeTranscript,
  parseTranscript,
  type TranscriptOptions,
} from '../../src/ingest/transcript';
import { fixture, parseBytes, parseFile, problems, verdicts } from './ingest-helpers';

const EXAMPLE = readFileSync(fixture('judge-prompt-transcript.txt'), 'utf8');
const OPTIONS: TranscriptOptions = {
  modelA: 'gpt-4-0314',
  modelB: 'student-7b',
  judge: 'gpt-4-1106-preview',
};

describe('parseJudgeTranscript', () => {
  it('reads the prompt and both answers of the Arena-Hard example, without the template line breaks', () => {
    const transcript = parseJudgeTranscript(EXAMPLE)!;
    expect(transcript.prompt).toBe(
      'In what order should I learn Deep Learning from the foundations such as matrices and vectors all the way to transformers?',
    );
    expect(transcript.answerA.startsWith('To learn Deep Learning from the foundations')).toBe(true);
    expect(transcript.answerA.endsWith('gain hands-on experience.')).toBe(true);
    expect(
      transcript.answerB.startsWith(
        "Learning deep learning requires a structured approach. Here's",
      ),
    ).toBe(true);
    expect(transcript.answerB.endsWith('- **Regularly')).toBe(true);
    expect(transcript.answerA).not.toContain('<|');
    expect(transcript.answerB).toContain('### 63. **Read Research Papers**');
  });

  it("reads FastChat's [User Question] template and leaves a reference answer out of the prompt", () => {
    const text =
      '[User Question]\nWhat is 3 + 4?\n\n[The Start of Reference Answer]\n7\n[The End of Reference Answer]\n\n' +
      "[The Start of Assistant A's Answer]\nSeven.\n[The End of Assistant A's Answer]\n\n" +
      "[The Start of Assistant B's Answer]\n\n  8, I think.\n\n[The End of Assistant B's Answer]";
    expect(parseJudgeTranscript(text)).toEqual({
      prompt: 'What is 3 + 4?',
      answerA: 'Seven.',
      answerB: '\n  8, I think.\n',
    });
  });

  it('keeps an answer that quotes the end marker of the other answer', () => {
    const text =
      "<|User Prompt|>\nQuote the marker.\n\n<|The Start of Assistant A's Answer|>\nIt reads <|The End of Assistant B's Answer|>.\n<|The End of Assistant A's Answer|>\n\n" +
      "<|The Start of Assistant B's Answer|>\nNo.\n<|The End of Assistant B's Answer|>";
    expect(parseJudgeTranscript(text)).toEqual({
      prompt: 'Quote the marker.',
      answerA: "It reads <|The End of Assistant B's Answer|>.",
      answerB: 'No.',
    });
  });

  it('returns null for text that is not a single-turn pairwise transcript', () => {
    expect(parseJudgeTranscript('just a question')).toBeNull();
    expect(
      parseJudgeTranscript("<|User Prompt|>\nq\n\n<|The Start of Assistant A's Answer|>\nonly A"),
    ).toBeNull();
    expect(
      parseJudgeTranscript(
        "<|The Start of Assistant A's Conversation with User|>\n\n### User:\nhi",
      ),
    ).toBeNull();
  });
});

describe('transcript format', () => {
  it('gives one verdict with the outcome read from the judgment', async () => {
    const items = await parseFile(parseTranscript, 'judge-prompt-transcript.txt', {
      ...OPTIONS,
      judgment: 'Assistant B repeats itself. [[A>>B]]',
    });
    expect(items).toHaveLength(1);
    expect(verdicts(items)[0]).toMatchObject({
      judge: 'gpt-4-1106-preview',
      judgeKind: 'LLM',
      modelA: 'gpt-4-0314',
      modelB: 'student-7b',
      outcome: 'A>>B',
      shownFirst: 'A',
      prompt: {
        text: expect.stringMatching(/^In what order should I learn Deep Learning/),
        externalId: null,
      },
      responseA: expect.stringMatching(/^To learn Deep Learning/),
      provenance: 'import:judge-prompt-transcript.txt',
    });
  });

  it('lets an explicit outcome decide, and names the verdict by the transcript content rather than the file name', async () => {
    const [first] = verdicts(
      await parseFile(
        parseTranscript,
        'judge-prompt-transcript.txt',
        { ...OPTIONS, outcome: 'A>B' },
        'one.txt',
      ),
    );
    const [renamed] = verdicts(
      await parseFile(
        parseTranscript,
        'judge-prompt-transcript.txt',
        { ...OPTIONS, outcome: 'A>B' },
        'copy.txt',
      ),
    );
    expect(first.outcome).toBe('A>B');
    expect(first.idempotencyKey).toMatch(
      /^transcript:gpt-4-1106-preview:gpt-4-0314:student-7b:[0-9a-f]{16}$/,
    );
    expect(renamed.idempotencyKey).toBe(first.idempotencyKey);
  });

  it('reads a transcript with CRLF line ends and a byte order mark', async () => {
    const crlf = '\uFEFF' + EXAMPLE.replace(/\n/g, '\r\n');
    const [verdict] = verdicts(
      await parseBytes(parseTranscript, crlf, { ...OPTIONS, outcome: 'A>B' }),
    );
    expect(verdict.prompt.text).toBe(parseJudgeTranscript(EXAMPLE)!.prompt);
    expect(verdict.responseB).toBe(parseJudgeTranscript(EXAMPLE)!.answerB);
  });

  it('reports a missing or unreadable outcome, a self-comparison and a text that is not a transcript', async () => {
    expect(
      problems(await parseFile(parseTranscript, 'judge-prompt-transcript.txt', OPTIONS)),
    ).toEqual([
      {
        line: 1,
        reason: 'a transcript verdict needs an outcome or the judgment text, but got neither.',
      },
    ]);
    expect(
      problems(
        await parseFile(parseTranscript, 'judge-prompt-transcript.txt', {
          ...OPTIONS,
          judgment: 'I like both.',
        }),
      ),
    ).toEqual([
      {
        line: 1,
        reason: 'the judgment holds no verdict label like [[A>B]]; pass the outcome explicitly.',
      },
    ]);
    expect(
      problems(
        await parseFile(parseTranscript, 'judge-prompt-transcript.txt', {
          ...OPTIONS,
          modelB: 'gpt-4-0314',
          outcome: 'A=B',
        }),
      ),
    ).toEqual([
      {
        line: 1,
        reason:
          'modelA and modelB are the same model ("gpt-4-0314"); a verdict compares two different models.',
      },
    ]);
    expect(
      problems(await parseBytes(parseTranscript, 'hello', { ...OPTIONS, outcome: 'A=B' }))[0]
        .reason,
    ).toMatch(/^not a judge transcript/);
  });

  it('throws on missing or invalid options before reading', async () => {
    await expect(parseBytes(parseTranscript, EXAMPLE, { ...OPTIONS, judge: '' })).rejects.toThrow(
      ImportOptionsError,
    );
    await expect(
      parseBytes(parseTranscript, EXAMPLE, { ...OPTIONS, outcome: 'A>>>B' as never }),
    ).rejects.toThrow(
      'transcript: option outcome must be one of A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD, but got "A>>>B".',
    );
  });
});
