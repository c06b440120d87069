/**
 * Checks one verdict record and brings it to the form the store writes. Pure: every rule that
 * needs no database lives here, so bad items are rejected before a transaction opens.
 * Messages say what was expected and what was received, without echoing the value back.
 */
import { createHash } from 'node:crypto';
import { parseJudgmentLabel } from '../domain/judgment-label';
import { LIMITS } from '../domain/limits';
import { TIMESTAMP_RANGE_TEXT, timestampReason } from '../domain/timestamps';
import type { OutcomeLabel } from '../domain/outcome-labels';
import { scoreOfA } from '../ratings/outcomes';
import type {
  JudgeKindName,
  PositionName,
  PromptRecord,
  UserError,
  VerdictRecord,
} from '../domain/verdict-record';

export interface ValidVerdict {
  judge: { name: string; version: string; kind: JudgeKindName | null; model: string | null };
  prompt: {
    dedupKey: string;
    externalId: string | null;
    text: string | null;
    category: string | null;
    tags: string[];
  };
  modelA: string;
  modelB: string;
  responseA: ValidResponse | null;
  responseB: ValidResponse | null;
  outcome: OutcomeLabel;
  preferenceA: number | null;
  judgment: string | null;
  shownFirst: PositionName | null;
  idempotencyKey: string | null;
  createdAt: Date | null;
  provenance: string;
  supersedes: number | null;
}

export interface ValidResponse {
  text: string;
  textHash: string;
  reportedTokens: number | null;
}

export type ValidationResult =
  { ok: true; verdict: ValidVerdict } | { ok: false; errors: UserError[] };

/**
 * A batch's records, each checked as `validateVerdict` does. The names of a batch repeat (a few
 * judges and models, the same prompt ids), so each distinct name that passed is checked once.
 */
export function validateVerdicts(
  records: readonly VerdictRecord[],
  defaultProvenance: string,
): ValidationResult[] {
  const names: ValidNames = new Map();
  return records.map((record) => validateVerdict(record, defaultProvenance, names));
}

/** Names (at most LIMITS.nameLength) already found valid, by their text as given. */
type ValidNames = Map<string, string>;

export function validateVerdict(
  record: VerdictRecord,
  defaultProvenance: string,
  names: ValidNames = new Map(),
): ValidationResult {
  const errors: UserError[] = [];
  const fail = (code: string, field: string, message: string) =>
    errors.push({ code, field, message });
  const name = (value: string | null | undefined, field: string) =>
    checkName(value, field, fail, names);
  const optional = (value: string | null | undefined, field: string) =>
    optionalName(value, field, fail, undefined, names);

  const judge = name(record.judge, 'judge');
  const judgeVersion = optional(record.judgeVersion, 'judgeVersion') ?? '';
  const judgeModel = optional(record.judgeModel, 'judgeModel');
  const modelA = name(record.modelA, 'modelA');
  const modelB = name(record.modelB, 'modelB');
  if (modelA && modelB && modelA === modelB) {
    fail(
      'SELF_COMPARISON',
      'modelB',
      'modelA and modelB must name two different models, but both are the same model.',
    );
  }

  const prompt = checkPrompt(record.prompt, 'prompt', fail, names);

  const responseA = optionalResponse(record.responseA, record.responseATokens, 'responseA', fail);
  const responseB = optionalResponse(record.responseB, record.responseBTokens, 'responseB', fail);
  const judgment = optionalText(record.judgment, 'judgment', fail);
  const preferenceA = checkPreference(record.preferenceA, fail);
  // A preference that was given but rejected already explains why there is no label.
  const outcome = resolveOutcome(
    record.outcome ?? null,
    judgment,
    preferenceA,
    record.preferenceA != null && preferenceA === null ? () => undefined : fail,
  );
  const idempotencyKey = optionalName(
    record.idempotencyKey,
    'idempotencyKey',
    fail,
    LIMITS.keyLength,
  );
  const createdAt = checkDate(record.createdAt, fail);
  const provenance = optional(record.provenance, 'provenance') ?? defaultProvenance;
  const supersedes = record.supersedes ?? null;
  if (supersedes !== null && !(Number.isSafeInteger(supersedes) && supersedes > 0)) {
    fail(
      'OUT_OF_RANGE',
      'supersedes',
      `supersedes must be the id of a stored verdict (a whole number above 0), but got ${supersedes}.`,
    );
  }

  if (errors.length > 0 || !judge || !modelA || !modelB || !outcome || !prompt) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    verdict: {
      judge: {
        name: judge,
        version: judgeVersion,
        kind: record.judgeKind ?? null,
        model: judgeModel,
      },
      prompt,
      modelA,
      modelB,
      responseA,
      responseB,
      outcome,
      preferenceA,
      judgment,
      shownFirst: record.shownFirst ?? null,
      idempotencyKey,
      createdAt,
      provenance,
      supersedes,
    },
  };
}

export type ValidPrompt = ValidVerdict['prompt'];

/** A prompt on its own (question files), checked by the same rules as a verdict's prompt. */
export function validatePrompt(
  record: PromptRecord,
  field = 'prompt',
): { ok: true; prompt: ValidPrompt } | { ok: false; errors: UserError[] } {
  const errors: UserError[] = [];
  const prompt = checkPrompt(record, field, (code, at, message) =>
    errors.push({ code, field: at, message }),
  );
  return prompt && errors.length === 0 ? { ok: true, prompt } : { ok: false, errors };
}

/** An answer on its own (answer files): its model's name and its text, checked as a verdict's are. */
export function validateResponse(
  model: string,
  text: string,
  tokens: number | null | undefined,
): { ok: true; model: string; response: ValidResponse } | { ok: false; errors: UserError[] } {
  const errors: UserError[] = [];
  const fail: Fail = (code, at, message) => errors.push({ code, field: at, message });
  const name = checkName(model, 'model', fail);
  const response = optionalResponse(text, tokens, 'text', fail);
  if (response === null && errors.length === 0)
    fail('REQUIRED', 'text', 'An answer needs a non-empty text, but got none.');
  return name && response && errors.length === 0
    ? { ok: true, model: name, response }
    : { ok: false, errors };
}

function checkPrompt(
  record: PromptRecord | null | undefined,
  field: string,
  fail: Fail,
  names?: ValidNames,
): ValidPrompt | null {
  const before = { count: 0 };
  const counting: Fail = (code, at, message) => {
    before.count += 1;
    fail(code, at, message);
  };
  const externalId = optionalName(
    record?.externalId,
    `${field}.externalId`,
    counting,
    undefined,
    names,
  );
  const text = optionalText(record?.text, `${field}.text`, counting);
  if (externalId === null && text === null && before.count === 0) {
    counting('REQUIRED', field, 'A prompt needs an externalId or a text, but got neither.');
  }
  const category = optionalName(record?.category, `${field}.category`, counting, undefined, names);
  const tags = checkTags(record?.tags, counting, field);
  if (before.count > 0) return null;
  return {
    dedupKey: externalId !== null ? `ext:${externalId}` : `sha256:${sha256(text ?? '')}`,
    externalId,
    text,
    category,
    tags,
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Fail = (code: string, field: string, message: string) => void;

function checkName(
  value: string | null | undefined,
  field: string,
  fail: Fail,
  names?: ValidNames,
): string | null {
  const name = optionalName(value, field, fail, undefined, names);
  if (name === null && (value === null || value === undefined || value.trim() === '')) {
    fail(
      'REQUIRED',
      field,
      `${field} must be a non-empty name, but got ${value == null ? 'nothing' : 'only white space'}.`,
    );
  }
  return name;
}

function optionalName(
  value: string | null | undefined,
  field: string,
  fail: Fail,
  max: number = LIMITS.nameLength,
  /** Only for `max` = LIMITS.nameLength: valid names are remembered there. */
  names?: ValidNames,
): string | null {
  if (value === null || value === undefined) return null;
  const known = names?.get(value);
  if (known !== undefined) return known;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length > max) {
    fail(
      'TOO_LONG',
      field,
      `${field} must be at most ${max} characters, but got ${trimmed.length}.`,
    );
    return null;
  }
  if (!checkEncodable(trimmed, field, fail)) return null;
  names?.set(value, trimmed);
  return trimmed;
}

function optionalText(value: string | null | undefined, field: string, fail: Fail): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value.length > LIMITS.textLength) {
    fail(
      'TOO_LONG',
      field,
      `${field} must be at most ${LIMITS.textLength} characters, but got ${value.length}.`,
    );
    return null;
  }
  return checkEncodable(value, field, fail) ? value : null;
}

/** PostgreSQL text holds neither NUL characters nor unpaired UTF-16 surrogates. */
function checkEncodable(value: string, field: string, fail: Fail): boolean {
  if (value.includes('\u0000')) {
    fail(
      'INVALID_TEXT',
      field,
      `${field} must not contain NUL characters (U+0000), but one was found.`,
    );
    return false;
  }
  if (!value.isWellFormed()) {
    fail(
      'INVALID_TEXT',
      field,
      `${field} must be valid Unicode, but it contains an unpaired surrogate.`,
    );
    return false;
  }
  return true;
}

function checkTags(tags: string[] | null | undefined, fail: Fail, field: string): string[] {
  if (!tags) return [];
  if (tags.length > LIMITS.tagCount) {
    fail(
      'TOO_MANY',
      `${field}.tags`,
      `${field}.tags must hold at most ${LIMITS.tagCount} tags, but got ${tags.length}.`,
    );
    return [];
  }
  const valid = tags.map((tag, i) =>
    optionalName(tag, `${field}.tags[${i}]`, fail, LIMITS.tagLength),
  );
  return [...new Set(valid.filter((tag): tag is string => tag !== null))].sort();
}

function optionalResponse(
  text: string | null | undefined,
  tokens: number | null | undefined,
  field: string,
  fail: Fail,
): ValidResponse | null {
  const valid = optionalText(text, field, fail);
  if (tokens !== null && tokens !== undefined && !(Number.isInteger(tokens) && tokens >= 0)) {
    fail(
      'OUT_OF_RANGE',
      `${field}Tokens`,
      `${field}Tokens must be a whole number ≥ 0, but got ${tokens}.`,
    );
  }
  return valid === null
    ? null
    : { text: valid, textHash: sha256(valid), reportedTokens: tokens ?? null };
}

function checkPreference(preference: number | null | undefined, fail: Fail): number | null {
  if (preference === null || preference === undefined) return null;
  if (!Number.isFinite(preference) || preference < 0 || preference > 1) {
    fail(
      'OUT_OF_RANGE',
      'preferenceA',
      `preferenceA must be a probability from 0 to 1, but got ${preference}.`,
    );
    return null;
  }
  return preference;
}

function checkDate(date: Date | null | undefined, fail: Fail): Date | null {
  if (date === null || date === undefined) return null;
  const reason = timestampReason(date);
  if (reason) {
    fail(
      'INVALID_DATE',
      'createdAt',
      `createdAt must be an ISO 8601 date-time ${TIMESTAMP_RANGE_TEXT}, but ${reason}.`,
    );
    return null;
  }
  return date;
}

/**
 * The label comes from `outcome`, else from the judgment text, else from a soft preference
 * (p > ½ → A>B, p < ½ → B>A, p = ½ → A=B). A given preference must not contradict the label.
 */
function resolveOutcome(
  outcome: OutcomeLabel | null,
  judgment: string | null,
  preferenceA: number | null,
  fail: Fail,
): OutcomeLabel | null {
  let label = outcome;
  if (label === null && judgment !== null) {
    const parsed = parseJudgmentLabel(judgment);
    if (parsed.kind === 'label') label = parsed.label;
    else if (parsed.kind === 'ambiguous') {
      fail(
        'AMBIGUOUS_JUDGMENT',
        'judgment',
        `judgment must contain one verdict label like [[A>B]], but it contains several different ones (${parsed.candidates.length}).`,
      );
      return null;
    } else if (preferenceA === null) {
      fail(
        'NO_LABEL_IN_JUDGMENT',
        'judgment',
        'judgment must contain a verdict label like [[A>B]] or [[B>>A]], but none was found; pass outcome explicitly.',
      );
      return null;
    }
  }
  if (label === null && preferenceA !== null) {
    label = preferenceA > 0.5 ? 'A>B' : preferenceA < 0.5 ? 'B>A' : 'A=B';
  }
  if (label === null) {
    fail(
      'REQUIRED',
      'outcome',
      'A verdict needs an outcome, a judgment text with a label, or a preferenceA, but got none of them.',
    );
    return null;
  }
  if (
    preferenceA !== null &&
    preferenceA !== 0.5 &&
    Math.sign(preferenceA - 0.5) !== Math.sign(scoreOfA(label) - 0.5)
  ) {
    fail(
      'CONFLICT',
      'preferenceA',
      `preferenceA ${preferenceA} favours ${preferenceA > 0.5 ? 'A' : 'B'}, but the outcome is ${label}.`,
    );
    return null;
  }
  return label;
}
