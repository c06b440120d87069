/** The shapes of the answers to api/documents.ts, as the dashboard reads them. */
import type { JudgeKind } from '../state/slice';

export interface Named {
  name: string;
}

export interface StyleCoefficient {
  feature: string;
  coefficient: number;
  eloPointsPerStandardDeviation: number;
  /** Added by the style-control work; read when the schema has it. */
  ciLower?: number | null;
  ciUpper?: number | null;
}

export interface LeaderboardEntry {
  rank: number;
  rating: number;
  ciLower: number | null;
  ciUpper: number | null;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
  /** False when the coverage bench does not back the interval; the note says why. */
  intervalReliable: boolean | null;
  intervalReliabilityNote: string | null;
  winRateVsBaseline: number | null;
  winRateVsBaselineLower: number | null;
  winRateVsBaselineUpper: number | null;
  model: Named;
  uncontrolledRating?: number | null;
  /** Rank without style control minus rank with it; read when the schema has it. */
  rankDelta?: number | null;
}

export interface JudgeKindCount {
  kind: 'HUMAN' | 'LLM';
  verdicts: number;
  judges: number;
}

/** A model without a finite estimate in the slice, out of the fit (Leaderboard.ratedApart). */
export interface RatedApartModel {
  model: { name: string };
  reason: string;
  explanation: string;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
  ratingLowerBound: number | null;
  ratingUpperBound: number | null;
  boundUnavailableReason: string | null;
}

export interface Leaderboard {
  judgeKinds: JudgeKindCount[];
  ratedApart: RatedApartModel[];
  method: string;
  intervalMethod: string | null;
  verdictCount: number;
  modelCount: number;
  bootstrapRounds: number;
  confidenceLevel: number;
  seed: number;
  mleExists: boolean;
  problem: string | null;
  baseline: string | null;
  cached: boolean;
  swapPolicy: string;
  anchor: { model: string; rating: number } | null;
  entries: LeaderboardEntry[];
  styleCoefficients?: StyleCoefficient[] | null;
  /** With style control: the slice's verdicts it could rate (both answers' style counts). */
  styleCoverage?: { verdictsWithStyle: number; verdictsInSlice: number } | null;
  /** Why there are no intervals; read when the schema has it. */
  intervalUnavailableReason?: string | null;
}

export interface WinRate {
  modelA: Named;
  modelB: Named;
  predicted: number;
  empirical: number | null;
  battles: number;
}

export interface MatricesBoard {
  judgeKinds: JudgeKindCount[];
  method: string;
  verdictCount: number;
  modelCount: number;
  cached: boolean;
  entries: { rank: number; rating: number; model: Named }[];
  winRates: WinRate[];
}

export interface JudgeInfo {
  name: string;
  version: string;
  kind: JudgeKind;
}

export interface Catalog {
  models: Named[];
  judges: JudgeInfo[];
  categories: {
    name: string;
    verdicts: number;
    judgeKinds: { kind: 'HUMAN' | 'LLM'; verdicts: number }[];
  }[];
}

export interface DataVersion {
  version: number;
  lastRecordedAt: string | null;
}

export interface OutcomeCount {
  outcome: string;
  count: number;
}

export interface PromptSummary {
  id: string;
  externalId: string | null;
  category: string | null;
  text: string | null;
}

export interface VerdictSummary {
  id: string;
  outcome: string;
  shownFirst: 'A' | 'B' | null;
  createdAt: string;
  modelA: Named;
  modelB: Named;
  judge: JudgeInfo;
  prompt: PromptSummary;
}

export interface HeadToHead {
  wins: number;
  losses: number;
  ties: number;
  verdictCount: number;
  empiricalWinRate: number | null;
  predictedWinRate: number | null;
  outcomes: OutcomeCount[];
}

export interface EstimateInterval {
  value: number;
  ciLower: number;
  ciUpper: number;
}

export interface Comparison {
  verdicts: number;
  sliceVerdicts: number;
  decision: 'BETTER' | 'NON_INFERIOR' | 'WORSE' | 'INCONCLUSIVE';
  margin: number;
  level: number;
  intervalMethod: 'BOOTSTRAP' | 'SANDWICH';
  clusterBy: 'VERDICT' | 'PROMPT';
  ratingDifference: EstimateInterval;
  standardError: number;
  probabilityABetter: EstimateInterval;
  additionalVerdicts: number | null;
  additionalVerdictsNote: string;
  problem: string | null;
}

export interface Page<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface BattleVerdict {
  id: string;
  outcome: string;
  shownFirst: 'A' | 'B' | null;
  createdAt: string;
  judgment: string | null;
  preferenceA: number | null;
  provenance: string;
  modelA: Named;
  modelB: Named;
  judge: JudgeInfo;
  prompt: PromptSummary & { tags: string[] };
  responseA: { text: string; tokenLength: number } | null;
  responseB: { text: string; tokenLength: number } | null;
}

export interface JudgeVerdict {
  id: string;
  outcome: string;
  shownFirst: 'A' | 'B' | null;
  judgment: string | null;
  modelA: Named;
  modelB: Named;
  judge: JudgeInfo;
}

export interface JudgeReport {
  judge: string;
  verdicts: number;
  strongShare: number | null;
  outcomes: OutcomeCount[];
  positionBias: {
    decisive: number;
    firstShownWins: number;
    firstShownWinRate: number | null;
    lower: number | null;
    upper: number | null;
    unknownOrder: number;
    unavailableReason: string | null;
  };
  swapConsistency: {
    pairs: number;
    consistent: number;
    inconsistent: number;
    oneSidedTie: number;
    unpaired: number;
    rate: number | null;
  };
}

export interface JudgePair {
  judgeAgreement: {
    judgeA: string;
    judgeB: string;
    pairs: number;
    pairsWithoutTies: number;
    agreement: number | null;
    agreementWithoutTies: number | null;
    kappa: number | null;
  };
  rankingAgreement: {
    models: number;
    spearman: number | null;
    kendall: number | null;
    movers: { model: string; rankA: number; rankB: number; change: number }[];
  };
}

export interface JudgeDisagreement {
  preferenceA: 'A' | 'TIE' | 'B';
  preferenceB: 'A' | 'TIE' | 'B';
  votesA: number;
  votesB: number;
  prompt: { externalId: string | null; category: string | null; text: string };
  verdictA: { id: string; modelA: Named; modelB: Named };
  verdictB: { id: string };
}

/** A run of a search snippet (Query.search); `matched` runs are the words found. */
export interface SnippetPart {
  text: string;
  matched: boolean;
}

export interface SearchHit {
  rank: number;
  prompt: { id: string; externalId: string | null; category: string | null; text: string | null };
  promptSnippet: SnippetPart[] | null;
  matchedAnswers: { snippet: SnippetPart[]; response: { id: string; model: { name: string } } }[];
  battles: {
    totalCount: number;
    verdicts: {
      id: string;
      outcome: string;
      judge: { name: string };
      modelA: { name: string };
      modelB: { name: string };
    }[];
  };
  judges: { name: string; version: string; kind: string }[];
}

// The model page (issue 23).
export interface ModelHistoryPoint {
  periodStart: string;
  cutOff: string;
  rating: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  rank: number | null;
  ratedModels: number;
  battles: number;
  verdicts: number;
  unavailableReason: string | null;
}

export interface ModelHistory {
  interval: 'DAY' | 'WEEK';
  confidenceLevel: number;
  points: ModelHistoryPoint[];
}

export interface ModelCategoryRecord {
  category: string | null;
  battles: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface AnswerStyle {
  answers: number;
  meanTokenLength: number | null;
  meanHeaders: number | null;
  meanListItems: number | null;
  meanBold: number | null;
}

export interface ModelProfile {
  categories: ModelCategoryRecord[];
  answerStyle: AnswerStyle;
  fieldAnswerStyle: AnswerStyle;
  recentVerdicts: VerdictSummary[];
}

export interface ModelPage {
  modelHistory: ModelHistory;
  modelProfile: ModelProfile;
  leaderboard: { winRates: WinRate[] };
}

// Reviewer quality (issue 22 §2).
export interface ReviewerQualityRow {
  reviewer: string;
  votes: number;
  queuedVotes: number;
  medianSecondsPerVote: number | null;
  timeUnavailableReason: string | null;
  flagged: boolean;
  agreement: {
    compared: number;
    agreement: number | null;
    lower: number | null;
    upper: number | null;
  };
  positionBias: {
    decisive: number;
    firstShownWinRate: number | null;
    lower: number | null;
    upper: number | null;
    unknownOrder: number;
  };
  gold: { votes: number; accuracy: number | null; unavailableReason: string | null };
  screens: { screen: string; decision: string; reason: string }[];
}

export interface ReviewerQualityReport {
  reviewers: ReviewerQualityRow[];
  alpha: {
    level: string;
    alpha: number | null;
    items: number;
    minimumReviewers: number;
    unavailableReason: string | null;
  }[];
}
