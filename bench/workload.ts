/**
 * The benchmark's seeded workload: a 50-model tournament with skewed popularity (Zipf weights, as
 * in Chatbot Arena where a few models draw most battles), 3 judges (two LLMs, one crowd), 4
 * categories, ties, strong verdicts and, from one judge, soft preferences. Same seed, same rows.
 */
import { createRandom } from '../src/ratings';

export const MODEL_COUNT = 50;
export const JUDGES = [
  { name: 'bench-gpt-4', kind: 'LLM' },
  { name: 'bench-claude', kind: 'LLM' },
  { name: 'bench-crowd', kind: 'HUMAN' },
] as const;
export const CATEGORIES = ['coding', 'math', 'writing', 'knowledge'] as const;
export const PROMPT_COUNT = 5000;

export interface BenchVerdict {
  judge: string;
  judgeKind: 'HUMAN' | 'LLM';
  promptId: string;
  category: string;
  modelA: string;
  modelB: string;
  outcome: 'A>>B' | 'A>B' | 'A=B' | 'B>A' | 'B>>A' | 'BOTH_BAD';
  preferenceA: number | null;
  createdAt: number;
}

export function* generateVerdicts(count: number, seed = 1): Generator<BenchVerdict> {
  const random = createRandom(seed);
  const strength = Array.from({ length: MODEL_COUNT }, (_, i) => 1.5 - (3 * i) / MODEL_COUNT);
  const popularity = Array.from({ length: MODEL_COUNT }, (_, i) => 1 / (i + 1) ** 0.8);
  const cumulative = popularity.map(
    (
      (sum) => (weight: number) =>
        (sum += weight)
    )(0),
  );
  const total = cumulative[cumulative.length - 1];
  const pick = () => {
    const target = random.nextFloat() * total;
    let low = 0;
    let high = MODEL_COUNT - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const a = pick();
    let b = pick();
    while (b === a) b = pick();
    const judge = JUDGES[i % JUDGES.length];
    const prompt = Math.floor(random.nextFloat() * PROMPT_COUNT);
    const pA = 1 / (1 + Math.exp(strength[b] - strength[a]));
    const roll = random.nextFloat();
    let outcome: BenchVerdict['outcome'];
    if (roll < 0.15) outcome = roll < 0.02 ? 'BOTH_BAD' : 'A=B';
    else
      outcome =
        random.nextFloat() < pA ? (roll > 0.85 ? 'A>>B' : 'A>B') : roll > 0.85 ? 'B>>A' : 'B>A';
    // The second LLM judge outputs probabilities, rounded as judges report them.
    const soft =
      judge.name === 'bench-claude' && outcome !== 'BOTH_BAD'
        ? Math.round(
            100 * (outcome.startsWith('A>') ? 0.5 + pA / 2 : outcome === 'A=B' ? 0.5 : pA / 2),
          ) / 100
        : null;
    yield {
      judge: judge.name,
      judgeKind: judge.kind,
      promptId: `bench-${prompt}`,
      category: CATEGORIES[prompt % CATEGORIES.length],
      modelA: `model-${String(a).padStart(2, '0')}`,
      modelB: `model-${String(b).padStart(2, '0')}`,
      outcome: soft === null ? outcome : soft > 0.5 ? 'A>B' : soft < 0.5 ? 'B>A' : 'A=B',
      preferenceA: soft,
      createdAt: start + i * 1000,
    };
  }
}

/** The same verdict as a Chatbot Arena battle row, for the import benchmark. */
export function asArenaBattle(verdict: BenchVerdict): string {
  const winner = verdict.outcome.startsWith('A>')
    ? 'model_a'
    : verdict.outcome.startsWith('B>')
      ? 'model_b'
      : verdict.outcome === 'BOTH_BAD'
        ? 'tie (bothbad)'
        : 'tie';
  return JSON.stringify({
    question_id: verdict.promptId,
    model_a: verdict.modelA,
    model_b: verdict.modelB,
    winner,
    judge: verdict.judge,
    tstamp: verdict.createdAt / 1000,
  });
}

/**
 * Style of the answers in the style benchmark: every battle has its own two answers, whose length
 * and markdown depend on the model (model k writes about 150 + 40·k tokens, k mod 4 headers,
 * lists of 2·(k mod 5) items, k mod 3 bold spans), varied per battle by a hash of its index, so
 * the draws do not touch generateVerdicts' stream and every other suite sees the same verdicts.
 */
function styledAnswer(
  model: number,
  battle: number,
  side: number,
): { text: string; tokens: number } {
  let hash = Math.imul(battle * 2 + side + 1, 0x9e3779b1) >>> 0;
  const next = (range: number) => {
    hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b) >>> 0;
    return hash % range;
  };
  const headers = Math.max(0, (model % 4) + next(3) - 1);
  const items = Math.max(0, 2 * (model % 5) + next(5) - 2);
  const bold = Math.max(0, (model % 3) + next(3) - 1);
  const parts = [`Answer ${battle}${side === 0 ? 'a' : 'b'}.`];
  for (let i = 0; i < headers; i += 1) parts.push(`## Part ${i + 1}`);
  for (let i = 0; i < items; i += 1) parts.push(`- point ${i + 1}`);
  for (let i = 0; i < bold; i += 1) parts.push(`**note ${i + 1}**`);
  return {
    text: parts.join('\n'),
    tokens: Math.round((150 + 40 * model) * (0.6 + next(80) / 100)),
  };
}

/** A battle row with both conversations (distinct answers) and their token counts in conv_metadata. */
export function asStyledArenaBattle(verdict: BenchVerdict, battle: number): string {
  const row = JSON.parse(asArenaBattle(verdict)) as Record<string, unknown>;
  const modelNumber = (name: string) => Number(name.slice('model-'.length));
  const answerA = styledAnswer(modelNumber(verdict.modelA), battle, 0);
  const answerB = styledAnswer(modelNumber(verdict.modelB), battle, 1);
  const question = { role: 'user', content: `Question ${verdict.promptId}` };
  return JSON.stringify({
    ...row,
    conversation_a: [question, { role: 'assistant', content: answerA.text }],
    conversation_b: [question, { role: 'assistant', content: answerB.text }],
    conv_metadata: {
      sum_assistant_a_tokens: answerA.tokens,
      sum_assistant_b_tokens: answerB.tokens,
    },
  });
}
