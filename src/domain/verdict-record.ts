/**
 * The plain shape of one verdict to store, shared by the GraphQL mutation and every importer,
 * so that both paths validate and store identical rows.
 */
import type { OutcomeLabel } from './outcome-labels';

export type JudgeKindName = 'HUMAN' | 'LLM';
export type PositionName = 'A' | 'B';

export interface PromptRecord {
  externalId?: string | null;
  text?: string | null;
  category?: string | null;
  tags?: string[] | null;
}

export interface VerdictRecord {
  judge: string;
  judgeKind?: JudgeKindName | null;
  judgeVersion?: string | null;
  judgeModel?: string | null;
  prompt: PromptRecord;
  modelA: string;
  modelB: string;
  responseA?: string | null;
  responseB?: string | null;
  responseATokens?: number | null;
  responseBTokens?: number | null;
  outcome?: OutcomeLabel | null;
  preferenceA?: number | null;
  judgment?: string | null;
  shownFirst?: PositionName | null;
  idempotencyKey?: string | null;
  createdAt?: Date | null;
  /** Where the verdict came from: `api`, or `import:<file>` for the CLI. */
  provenance?: string | null;
  /** Id of a stored verdict this one corrects: that one leaves the rankings but stays stored. */
  supersedes?: number | null;
}

export interface UserError {
  code: string;
  field: string;
  message: string;
}

export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';

export interface ItemResult {
  index: number;
  status: ItemStatus;
  verdictId: number | null;
  userErrors: UserError[];
}

export interface RecordVerdictsResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Stored verdicts left without an answer on a side: the model has several answers to the prompt. */
  ambiguousAnswers: number;
  results: ItemResult[];
}
