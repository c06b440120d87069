/**
 * The import formats by name, with what each reads and which options it takes: the CLI's
 * `import <format>` and its `--help` come from here.
 */
import { parseAlpacaEval } from './alpaca-eval';
import { parseArenaBattles } from './arena-battles';
import { parseArenaHardAnswers } from './arena-hard-answers';
import { parseArenaHardJudgments } from './arena-hard-judgment';
import { parseArenaHardQuestions } from './arena-hard-questions';
import { parseCsvTable, parseJsonlTable } from './generic-table';
import type { Parser, RawOptions } from './parser';
import { parseMtBench } from './mt-bench';
import { parseTranscript } from './transcript';
import { parseVerdictsFile } from './verdicts-file';

export interface FormatOption {
  name: string;
  /** `string`, `boolean`, or `json` (an object given as JSON text, e.g. winnerMap). */
  type: 'string' | 'boolean' | 'json';
  required?: boolean;
  description: string;
}

export interface ImportFormat {
  description: string;
  /** What the format's items are: verdicts, prompts or responses. */
  produces: 'verdicts' | 'prompts' | 'responses';
  parse: Parser<RawOptions>;
  options: FormatOption[];
}

const judgeKind: FormatOption = { name: 'judgeKind', type: 'string', description: 'HUMAN or LLM.' };
const judgeVersion: FormatOption = {
  name: 'judgeVersion',
  type: 'string',
  description: 'Version of the judge prompt or template.',
};

const tableOptions: FormatOption[] = [
  {
    name: 'modelA',
    type: 'string',
    required: true,
    description: 'Column naming model A (shown first / left).',
  },
  { name: 'modelB', type: 'string', required: true, description: 'Column naming model B.' },
  { name: 'winner', type: 'string', required: true, description: 'Column holding the winner.' },
  {
    name: 'winnerMap',
    type: 'json',
    description:
      'Winner value → A>>B | A>B | A=B | B>A | B>>A | BOTH_BAD | A | B | tie | bothbad, e.g. {"0":"A","1":"B"}. Default: labels, A/B/tie/bothbad, model_a/model_b, left/right.',
  },
  { name: 'judge', type: 'string', description: 'Column naming the judge.' },
  {
    name: 'judgeName',
    type: 'string',
    description:
      'Judge name when there is no judge column; with one, a prefix (<judgeName>:<value>).',
  },
  judgeKind,
  judgeVersion,
  { name: 'prompt', type: 'string', description: "Column with the prompt's external id." },
  { name: 'promptIdPrefix', type: 'string', description: 'Prefix for prompt ids, e.g. "llmfao:".' },
  { name: 'promptText', type: 'string', description: 'Column with the prompt text.' },
  { name: 'category', type: 'string', description: "Column with the prompt's category." },
  {
    name: 'id',
    type: 'string',
    description: 'Column with a unique row id (idempotency key); default: file and line.',
  },
  {
    name: 'createdAt',
    type: 'string',
    description: 'Column with Unix seconds or an ISO 8601 date-time.',
  },
  { name: 'responseA', type: 'string', description: "Column with model A's response." },
  { name: 'responseB', type: 'string', description: "Column with model B's response." },
  { name: 'judgment', type: 'string', description: "Column with the judge's explanation." },
  {
    name: 'shownFirst',
    type: 'string',
    description:
      'Column saying which answer was shown first (A, B, model_a, model_b or the model name); without it the order is stored as unknown.',
  },
];

/**
 * A parser registered for the CLI. Its options arrive untyped and it checks them itself
 * (format-options.ts throws ImportOptionsError before any line is read).
 */
function acceptingRawOptions<Options>(parse: Parser<Options>): Parser<RawOptions> {
  return (lines, context, options) => parse(lines, context, options as Options);
}

export const FORMATS = {
  'arena-hard': {
    description:
      'Arena-Hard-Auto model_judgment JSONL (v0.1 and v2.0): two verdicts per row, game 2 swapped.',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseArenaHardJudgments),
    options: [
      {
        name: 'baseline',
        type: 'string',
        description: 'Baseline of rows that do not name one (v0.1); default gpt-4-0314.',
      },
      { name: 'judge', type: 'string', description: 'Judge of rows that do not name one.' },
      judgeVersion,
    ],
  },
  'arena-hard-questions': {
    description:
      'Arena-Hard-Auto question.jsonl (v0.1 turns[], v2.0 prompt): prompts with category and cluster tags.',
    produces: 'prompts',
    parse: acceptingRawOptions(parseArenaHardQuestions),
    options: [],
  },
  'arena-hard-answers': {
    description:
      'Arena-Hard-Auto model_answer/<model>.jsonl (v0.1 choices[].turns[], v2.0 messages): responses with token counts.',
    produces: 'responses',
    parse: acceptingRawOptions(parseArenaHardAnswers),
    options: [
      {
        name: 'model',
        type: 'string',
        description: "Model name instead of the row's model_id / model.",
      },
    ],
  },
  'arena-battles': {
    description:
      'Chatbot Arena battles (JSON array or JSON lines; also Arena-Hard battle files): one verdict per battle.',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseArenaBattles),
    options: [
      {
        name: 'judge',
        type: 'string',
        description: "Judge for every battle instead of the row's judge (default arena-humans).",
      },
      {
        ...judgeKind,
        description:
          'HUMAN (default) or LLM, e.g. LLM with judge gpt-4-1106-preview for Arena-Hard battle files.',
      },
      judgeVersion,
    ],
  },
  'mt-bench': {
    description:
      'FastChat llm_judge pairwise judgments (gpt-4_pair.jsonl: two verdicts per row, error games skipped) or MT-Bench human judgments.',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseMtBench),
    options: [
      {
        name: 'promptIdPrefix',
        type: 'string',
        description: 'Prefix of prompt ids; default "mt-bench:".',
      },
      {
        ...judgeKind,
        description: 'Kind of a judge named by a plain string (human layout); default HUMAN.',
      },
    ],
  },
  'alpaca-eval': {
    description:
      'AlpacaEval annotations.json: generator_1 is A, generator_2 is B; soft preferences kept as preferenceA.',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseAlpacaEval),
    options: [
      { name: 'judge', type: 'string', description: 'Judge for rows without annotator.' },
      {
        name: 'overrideJudge',
        type: 'boolean',
        description: "Use the judge option for every row instead of the row's annotator.",
      },
      {
        name: 'promptIdPrefix',
        type: 'string',
        description: 'Prefix of prompt ids from idx / instruction_id; default "alpaca-eval:".',
      },
    ],
  },
  csv: {
    description:
      'Any CSV table (RFC 4180) of pairwise verdicts, with options naming the columns (e.g. LLMFAO, Copilot Arena).',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseCsvTable),
    options: [
      ...tableOptions,
      { name: 'delimiter', type: 'string', description: 'One character; default ",".' },
    ],
  },
  jsonl: {
    description:
      'Any JSON-lines (or JSON array) table of pairwise verdicts, with options naming the fields (a.b for nested).',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseJsonlTable),
    options: tableOptions,
  },
  transcript: {
    description:
      'One judge-prompt transcript (<|User Prompt|> … Assistant A/B answers): one verdict.',
    produces: 'verdicts',
    parse: acceptingRawOptions(parseTranscript),
    options: [
      {
        name: 'modelA',
        type: 'string',
        required: true,
        description: 'Model whose answer is Assistant A.',
      },
      {
        name: 'modelB',
        type: 'string',
        required: true,
        description: 'Model whose answer is Assistant B.',
      },
      {
        name: 'judge',
        type: 'string',
        required: true,
        description: 'The judge (default kind LLM).',
      },
      judgeKind,
      judgeVersion,
      {
        name: 'judgment',
        type: 'string',
        description: "The judge's reply (its [[A>B]] label gives the outcome).",
      },
      {
        name: 'outcome',
        type: 'string',
        description: 'A>>B, A>B, A=B, B>A, B>>A or BOTH_BAD; overrides the judgment.',
      },
      { name: 'promptId', type: 'string', description: "The prompt's external id." },
      { name: 'category', type: 'string', description: "The prompt's category." },
    ],
  },
  verdicts: {
    description:
      "Verdicts' own export (`verdicts export verdicts`), as JSON lines or CSV: re-importing it stores nothing new.",
    produces: 'verdicts',
    parse: acceptingRawOptions(parseVerdictsFile),
    options: [],
  },
} satisfies Record<string, ImportFormat>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}

/** The format of that name, or undefined; for names typed by a user. */
export function findFormat(name: string): ImportFormat | undefined {
  return isFormatName(name) ? FORMATS[name] : undefined;
}
