import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArenaBattles } from '../../src/ingest/arena-battles';
import { readSourceLines } from '../../src/ingest/read-lines';

/** 200,000 Chatbot Arena battles as JSON lines, produced on the fly (no file), about 1.5 KB each. */
async function* battleStream(rows: number): AsyncGenerator<Buffer> {
  const models = [
    'gpt-4-0613',
    'claude-2.1',
    'mixtral-8x7b-instruct-v0.1',
    'llama-2-70b-chat',
    'gemini-pro',
  ];
  const winners = ['model_a', 'model_b', 'tie', 'tie (bothbad)'];
  const filler = 'lorem ipsum dolor sit amet '.repeat(20);
  let batch: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const a = models[i % 5];
    const b = models[(i + 1 + (i % 4)) % 5];
    batch.push(
      JSON.stringify({
        question_id: `q${i}`,
        model_a: a,
        model_b: b,
        winner: winners[i % 4],
        judge: `arena_user_${i % 997}`,
        tstamp: 1700000000 + i,
        language: 'English',
        conversation_a: [
          { role: 'user', content: `question ${i}` },
          { role: 'assistant', content: `answer a ${i} ${filler}` },
        ],
        conversation_b: [
          { role: 'user', content: `question ${i}` },
          { role: 'assistant', content: `answer b ${i} ${filler}` },
        ],
      }),
    );
    if (batch.length === 500) {
      yield Buffer.from(batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join('\n') + '\n');
}

/**
 * V8 collects old garbage lazily (heapUsed saw-tooths by 150 MB here), so what is measured is
 * the heap that survives a full collection: that is what a parser holding rows would grow.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

it('parses a 200,000-line battle stream in bounded memory', async () => {
  const rows = 200_000;
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let count = 0;
  let lastKey = '';
  const lines = readSourceLines(Readable.from(battleStream(rows)), { name: 'generated.jsonl' });
  for await (const item of parseArenaBattles(lines, { sourceName: 'generated.jsonl' }, {})) {
    if (item.kind !== 'verdict') throw new Error(`unexpected ${item.kind} at line ${item.line}`);
    count += 1;
    lastKey = item.record.idempotencyKey!;
    if (count % 20_000 === 0) {
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  expect(count).toBe(rows);
  expect(lastKey).toBe(`generated.jsonl:${rows}`);
  // The stream is ~300 MB of JSON; holding it, or the verdicts, would go far past this bound.
  expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
});

it('stops reading an endless source when the consumer stops early', async () => {
  let closed = false;
  async function* endless(): AsyncGenerator<Buffer> {
    try {
      for (let i = 0; ; i += 1)
        yield Buffer.from(
          `{"model_a": "a", "model_b": "b", "winner": "tie", "question_id": "q${i}"}\n`,
        );
    } finally {
      closed = true;
    }
  }
  const taken: string[] = [];
  for await (const item of parseArenaBattles(
    readSourceLines(Readable.from(endless())),
    { sourceName: 'endless.jsonl' },
    {},
  )) {
    if (item.kind === 'verdict') taken.push(item.record.idempotencyKey!);
    if (taken.length === 3) break;
  }
  expect(taken).toEqual(['endless.jsonl:1', 'endless.jsonl:2', 'endless.jsonl:3']);
  await new Promise((resolve) => setImmediate(resolve));
  expect(closed).toBe(true);
});
