/**
 * Judge-prompt transcripts: the text a pairwise LLM judge was shown, from which the prompt and
 * both answers can be read back. Two template families are recognised:
 *
 * - Arena-Hard (config `prompt_template`): `<|User Prompt|>\n{Q}\n\n<|The Start of Assistant A's
 *   Answer|>\n{A}\n<|The End of Assistant A's Answer|>\n\n<|The Start of Assistant B's Answer|>…`
 * - FastChat llm_judge `pair-v2` / `pair-math-v1`: the same shape with `[User Question]` and
 *   `[The Start of Assistant A's Answer]` markers, optionally with a reference answer block.
 *
 * The template's own line breaks around each placeholder are removed; the texts keep theirs.
 * Multi-turn templates (`<|The Start of Assistant A's Conversation with User|>`) are not read.
 */
import type { OutcomeLabel } from '../domain/outcome-labels';
import type { JudgeKindName } from '../domain/verdict-record';
import {
  ImportOptionsError,
  judgeKindOption,
  optionalOption,
  outcomeOption,
  requiredOption,
} from './format-options';
import type { ImportItem } from '../domain/import-item';
import type { ParseContext, Parser, SourceLine } from './parser';
import { parseJudgmentLabel } from '../domain/judgment-label';
import { lineBatches } from './read-lines';
import { provenanceOf, shortHash, sourceKey } from './source-keys';

export interface JudgeTranscript {
  prompt: string;
  answerA: string;
  answerB: string;
}

interface Markers {
  prompt: string;
  reference: string[];
  startA: string;
  endA: string;
  startB: string;
  endB: string;
}

const TEMPLATES: readonly Markers[] = [
  {
    prompt: '<|User Prompt|>',
    reference: ['<|The Start of Reference Answer|>', '<|Reference Answer|>'],
    startA: "<|The Start of Assistant A's Answer|>",
    endA: "<|The End of Assistant A's Answer|>",
    startB: "<|The Start of Assistant B's Answer|>",
    endB: "<|The End of Assistant B's Answer|>",
  },
  {
    prompt: '[User Question]',
    reference: ['[The Start of Reference Answer]'],
    startA: "[The Start of Assistant A's Answer]",
    endA: "[The End of Assistant A's Answer]",
    startB: "[The Start of Assistant B's Answer]",
    endB: "[The End of Assistant B's Answer]",
  },
];

/** The prompt and both answers, or null when the text is not a single-turn pairwise transcript. */
export function parseJudgeTranscript(text: string): JudgeTranscript | null {
  for (const markers of TEMPLATES) {
    const found = readWith(text, markers);
    if (found) return found;
  }
  return null;
}

function readWith(text: string, markers: Markers): JudgeTranscript | null {
  const promptAt = text.indexOf(markers.prompt);
  if (promptAt === -1) return null;
  const promptStart = promptAt + markers.prompt.length;
  const startA = text.indexOf(markers.startA, promptStart);
  if (startA === -1) return null;
  // Searching the B markers from the end lets answer A quote them without cutting itself short.
  const endB = text.lastIndexOf(markers.endB);
  const startB = endB === -1 ? -1 : text.lastIndexOf(markers.startB, endB);
  const endA = startB === -1 ? -1 : text.lastIndexOf(markers.endA, startB);
  if (endA < startA + markers.startA.length) return null;

  let promptEnd = startA;
  for (const reference of markers.reference) {
    const at = text.indexOf(reference, promptStart);
    if (at !== -1 && at < promptEnd) promptEnd = at;
  }
  return {
    prompt: stripTemplateBreaks(text.slice(promptStart, promptEnd), 2),
    answerA: stripTemplateBreaks(text.slice(startA + markers.startA.length, endA), 1),
    answerB: stripTemplateBreaks(text.slice(startB + markers.startB.length, endB), 1),
  };
}

/** Removes the line break the template puts after a marker and up to `trailing` before the next. */
function stripTemplateBreaks(section: string, trailing: number): string {
  let text = section.startsWith('\n') ? section.slice(1) : section;
  for (let i = 0; i < trailing && text.endsWith('\n'); i += 1) text = text.slice(0, -1);
  return text;
}

// ---------------------------------------------------------------------------------------------
// The `transcript` import format: one transcript file gives one verdict.

export interface TranscriptOptions {
  modelA: string;
  modelB: string;
  judge: string;
  judgeKind?: JudgeKindName;
  judgeVersion?: string;
  /** The judge's reply; its `[[A>B]]`-style label gives the outcome unless `outcome` is set. */
  judgment?: string;
  outcome?: OutcomeLabel;
  /** The prompt's external id; without one the prompt is deduplicated by its text. */
  promptId?: string;
  category?: string;
}

const FORMAT = 'transcript';
/** Three texts at the store's limit of 2,000,000 characters each, plus the markers. */
const MAX_TRANSCRIPT_CHARS = 6_100_000;

export const parseTranscript: Parser<TranscriptOptions> = async function* (
  lines: AsyncIterable<SourceLine>,
  context: ParseContext,
  options: TranscriptOptions = {} as TranscriptOptions,
): AsyncGenerator<ImportItem> {
  const modelA = requiredOption(FORMAT, 'modelA', options.modelA);
  const modelB = requiredOption(FORMAT, 'modelB', options.modelB);
  const judge = requiredOption(FORMAT, 'judge', options.judge);
  const judgeKind = judgeKindOption(FORMAT, options.judgeKind) ?? 'LLM';
  const judgeVersion = optionalOption(FORMAT, 'judgeVersion', options.judgeVersion);
  const outcome = outcomeOption(FORMAT, options.outcome);
  if (options.judgment !== undefined && typeof options.judgment !== 'string') {
    throw new ImportOptionsError(FORMAT, "option judgment must be the judge's reply as text.");
  }

  const texts: string[] = [];
  let chars = 0;
  for await (const batch of lineBatches(lines)) {
    for (const { text } of batch) {
      chars += text.length + 1;
      texts.push(text);
    }
    if (chars > MAX_TRANSCRIPT_CHARS) {
      yield {
        kind: 'error',
        line: 1,
        reason: `a transcript must be at most ${MAX_TRANSCRIPT_CHARS} characters long; this one is longer.`,
      };
      return;
    }
  }
  const text = texts.join('\n');
  const transcript = parseJudgeTranscript(text);
  if (!transcript) {
    yield {
      kind: 'error',
      line: 1,
      reason:
        "not a judge transcript: expected <|User Prompt|> (or [User Question]) followed by Assistant A's and Assistant B's answers between their Start and End markers.",
    };
    return;
  }
  if (modelA === modelB) {
    yield {
      kind: 'error',
      line: 1,
      reason: `modelA and modelB are the same model ("${modelA}"); a verdict compares two different models.`,
    };
    return;
  }

  let label: OutcomeLabel | undefined = outcome;
  if (label === undefined) {
    if (options.judgment === undefined) {
      yield {
        kind: 'error',
        line: 1,
        reason: 'a transcript verdict needs an outcome or the judgment text, but got neither.',
      };
      return;
    }
    const parsed = parseJudgmentLabel(options.judgment);
    if (parsed.kind !== 'label') {
      yield {
        kind: 'error',
        line: 1,
        reason:
          parsed.kind === 'none'
            ? 'the judgment holds no verdict label like [[A>B]]; pass the outcome explicitly.'
            : `the judgment holds several different verdict labels (${parsed.candidates.join(', ')}); pass the outcome explicitly.`,
      };
      return;
    }
    label = parsed.label;
  }

  yield {
    kind: 'verdict',
    line: 1,
    record: {
      judge,
      judgeKind,
      judgeVersion: judgeVersion ?? null,
      prompt: {
        externalId: options.promptId ?? null,
        text: transcript.prompt,
        category: options.category ?? null,
      },
      modelA,
      modelB,
      responseA: transcript.answerA,
      responseB: transcript.answerB,
      outcome: label,
      judgment: options.judgment ?? null,
      shownFirst: 'A',
      // The transcript's own content names it, so a renamed copy is still the same verdict.
      idempotencyKey: sourceKey('transcript', judge, modelA, modelB, shortHash(text)),
      provenance: provenanceOf(context),
    },
  };
};
