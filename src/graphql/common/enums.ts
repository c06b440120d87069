import { registerEnumType } from 'type-graphql';

/** GraphQL names for the stored outcome labels (the enum's values are the labels themselves). */
export enum Outcome {
  A_MUCH_BETTER = 'A>>B',
  A_BETTER = 'A>B',
  TIE = 'A=B',
  B_BETTER = 'B>A',
  B_MUCH_BETTER = 'B>>A',
  BOTH_BAD = 'BOTH_BAD',
}
registerEnumType(Outcome, {
  name: 'Outcome',
  description:
    "A judge's outcome on a pair, from A's side. Ties and BOTH_BAD score ½ each; `>>` verdicts may carry extra weight.",
  valuesConfig: {
    A_MUCH_BETTER: { description: '`A>>B`: A is significantly better.' },
    A_BETTER: { description: '`A>B`: A is slightly better.' },
    TIE: { description: '`A=B`: a tie.' },
    B_BETTER: { description: '`B>A`: B is slightly better.' },
    B_MUCH_BETTER: { description: '`B>>A`: B is significantly better.' },
    BOTH_BAD: { description: 'A tie in which both answers fail.' },
  },
});

export enum JudgeKind {
  HUMAN = 'HUMAN',
  LLM = 'LLM',
}
registerEnumType(JudgeKind, {
  name: 'JudgeKind',
  description: 'Who decides: a person or a language model.',
  valuesConfig: {
    HUMAN: { description: 'A person: an annotator or a crowd voter.' },
    LLM: { description: 'A language model used as a judge.' },
  },
});

export enum Position {
  A = 'A',
  B = 'B',
}
registerEnumType(Position, {
  name: 'Position',
  description: 'Which answer the judge saw first.',
  valuesConfig: {
    A: { description: "Model A's answer was shown first." },
    B: { description: "Model B's answer was shown first." },
  },
});

export enum ItemStatus {
  ACCEPTED = 'ACCEPTED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(ItemStatus, {
  name: 'ItemStatus',
  description: 'What happened to one item of a batch.',
  valuesConfig: {
    ACCEPTED: { description: 'Stored now.' },
    DUPLICATE: {
      description: 'Its idempotency key was already stored for this judge; nothing was stored.',
    },
    REJECTED: { description: 'Invalid; see userErrors. Nothing was stored for it.' },
  },
});

export enum RankingMethod {
  ELO = 'ELO',
  BRADLEY_TERRY = 'BRADLEY_TERRY',
}
registerEnumType(RankingMethod, {
  name: 'RankingMethod',
  description: 'How a leaderboard turns verdicts into ratings.',
  valuesConfig: {
    ELO: { description: 'Online Elo over verdicts in time order (K=4, initial 1000).' },
    BRADLEY_TERRY: {
      description: 'Bradley–Terry maximum likelihood on the Elo scale (Chatbot Arena).',
    },
  },
});

export enum IntervalMethod {
  BOOTSTRAP = 'BOOTSTRAP',
  SANDWICH = 'SANDWICH',
  PROFILE = 'PROFILE',
}
registerEnumType(IntervalMethod, {
  name: 'IntervalMethod',
  description: 'How a leaderboard computes the intervals around its ratings.',
  valuesConfig: {
    BOOTSTRAP: {
      description: 'Percentile intervals over seeded multinomial bootstrap rounds, each refitted.',
    },
    SANDWICH: {
      description: 'Normal intervals from the robust (Huber–White) covariance; no resampling.',
    },
    PROFILE: {
      description:
        'Profile-likelihood intervals (Venzon & Moolgavkar 1988), which follow the skew of the likelihood; with clusterBy PROMPT the χ² cut-off is scaled by the CR3-to-model variance ratio (Chandler & Bate 2007). Plain Bradley–Terry only; no Query.comparison.',
    },
  },
});

export enum ClusterBy {
  VERDICT = 'VERDICT',
  PROMPT = 'PROMPT',
}
registerEnumType(ClusterBy, {
  name: 'ClusterBy',
  description:
    'The independent unit of the intervals: verdicts, or prompts with all their verdicts (cluster-robust).',
  valuesConfig: {
    VERDICT: {
      description:
        'Each verdict independent: the bootstrap resamples verdicts, the sandwich is HC3 (the published figures).',
    },
    PROMPT: {
      description:
        "Verdicts on one prompt may be correlated: the bootstrap resamples prompts, the sandwich is the CR3 cluster sandwich (Cameron & Miller 2015; Miller 2024 'Adding Error Bars to Evals').",
    },
  },
});

export enum SwapPolicy {
  KEEP_BOTH = 'KEEP_BOTH',
  MERGE = 'MERGE',
  DROP_INCONSISTENT = 'DROP_INCONSISTENT',
}
registerEnumType(SwapPolicy, {
  name: 'SwapPolicy',
  description:
    "What to do with swap pairs: one judge's two verdicts on the same prompt and models in opposite orders.",
  valuesConfig: {
    KEEP_BOTH: { description: 'Count both games (Arena-Hard).' },
    MERGE: {
      description:
        'One verdict per pair: agreeing games keep their winner, anything else is a tie (MT-Bench).',
    },
    DROP_INCONSISTENT: { description: 'Leave out pairs whose games name opposite winners.' },
  },
});

export enum PreferenceName {
  A = 'A',
  TIE = 'TIE',
  B = 'B',
}
registerEnumType(PreferenceName, {
  name: 'Preference',
  description:
    "A verdict reduced to three ways, from model A's side (a strong and a plain win are both A; BOTH_BAD is a tie).",
  valuesConfig: {
    A: { description: 'Model A preferred.' },
    TIE: { description: 'A tie, including BOTH_BAD.' },
    B: { description: 'Model B preferred.' },
  },
});
