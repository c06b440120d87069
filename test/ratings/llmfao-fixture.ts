import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads the LLMFAO fixture (demo/llmfao, CC BY 4.0, see ATTRIBUTION.md). No field is quoted in these files. */
const FIXTURE_DIRECTORY = join(__dirname, '..', '..', 'demo', 'llmfao');

export type Judge = 'crowd' | 'gpt3' | 'gpt4';

export const COMPARISON_FILES: Record<Judge, string> = {
  crowd: 'crowd-comparisons.csv',
  gpt3: 'gpt3-crowd-comparisons.csv',
  gpt4: 'gpt4-crowd-comparisons.csv',
};

export function readCsv(fileName: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(FIXTURE_DIRECTORY, fileName), 'utf8')
    .trimEnd()
    .split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    if (fields.length !== columns.length)
      throw new Error(`${fileName}: expected ${columns.length} fields, got "${line}"`);
    return Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
  });
}

export interface Comparison {
  left: string;
  right: string;
  winner: 'left' | 'right' | 'tie';
}

/** Votes in file order; `left`/`right` are model names, the key the published tables use. */
export function readComparisons(judge: Judge): Comparison[] {
  return readCsv(COMPARISON_FILES[judge]).map((row) => {
    if (row.winner !== 'left' && row.winner !== 'right' && row.winner !== 'tie') {
      throw new Error(`unexpected winner "${row.winner}"`);
    }
    return { left: row.left, right: row.right, winner: row.winner };
  });
}

/** Published bt_score by model name for one judge. */
export function readPublishedScores(judge: Judge): Map<string, number> {
  const scores = new Map<string, number>();
  for (const row of readCsv('published-leaderboard.csv')) {
    if (row.judge === judge) scores.set(row.model, Number(row.bt_score));
  }
  return scores;
}

export function readGoldenScores(algorithm: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const row of readCsv('evalica-golden-scores.csv')) {
    if (row.algorithm === algorithm) scores.set(row.item, Number(row.score));
  }
  return scores;
}

/** Dense model indices in first-seen order. */
export function indexModels(comparisons: readonly Comparison[]): {
  names: string[];
  indexOf: Map<string, number>;
} {
  const indexOf = new Map<string, number>();
  for (const { left, right } of comparisons) {
    for (const name of [left, right]) if (!indexOf.has(name)) indexOf.set(name, indexOf.size);
  }
  return { names: [...indexOf.keys()], indexOf };
}
