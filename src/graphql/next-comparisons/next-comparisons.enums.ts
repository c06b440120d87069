import { registerEnumType } from 'type-graphql';

export enum ComparisonStrategy {
  ADAPTIVE = 'ADAPTIVE',
  UNIFORM = 'UNIFORM',
}
registerEnumType(ComparisonStrategy, {
  name: 'ComparisonStrategy',
  description: 'How nextComparisons chooses the pairs.',
  valuesConfig: {
    ADAPTIVE: {
      description:
        'Where one more verdict reduces the ranking uncertainty most: a greedy A-optimal design on the current Bradley–Terry fit (Graßhoff & Schwabe 2008), placement matches for models with few verdicts, and 10% seeded exploration.',
    },
    UNIFORM: { description: 'Model pairs uniformly at random.' },
  },
});

export enum ComparisonObjectiveTarget {
  ALL = 'ALL',
  TOP_K = 'TOP_K',
}
registerEnumType(ComparisonObjectiveTarget, {
  name: 'ComparisonObjectiveTarget',
  description: 'Whose ratings an ADAPTIVE plan tries to pin down.',
  valuesConfig: {
    ALL: { description: 'Every rating alike (the summed variance of the centred ratings).' },
    TOP_K: {
      description:
        'The models that may be in the top k: those whose 95% upper bound reaches the k-th rating.',
    },
  },
});

export enum SuggestionKind {
  INFORMATION = 'INFORMATION',
  PLACEMENT = 'PLACEMENT',
  EXPLORATION = 'EXPLORATION',
  UNIFORM = 'UNIFORM',
}
registerEnumType(SuggestionKind, {
  name: 'SuggestionKind',
  description: 'Why a pair was suggested.',
  valuesConfig: {
    INFORMATION: { description: 'The pair whose verdict is expected to reduce the variance most.' },
    PLACEMENT: {
      description:
        'A model with fewer than 5 verdicts against a measured model at a spread-out quantile of the ratings.',
    },
    EXPLORATION: { description: 'A uniformly random pair, so that no pair is starved.' },
    UNIFORM: { description: 'A uniformly random pair (strategy UNIFORM).' },
  },
});
