/**
 * Every GraphQL document the dashboard sends. The style-control fields sit in their own
 * fragments: fields other branches add (rank change, coefficient intervals, why an interval is
 * unavailable) are read by the UI when present, and go into these two fragments once the schema
 * has them.
 */

/** Style control, per entry. Extend with `rankDelta` when the schema has it. */
export const STYLE_CONTROL_ENTRY_FIELDS = `fragment StyleControlEntry on LeaderboardEntry { uncontrolledRating rankDelta }`;

/** Style control, per leaderboard: the coefficients with their intervals, and why none. */
export const STYLE_CONTROL_BOARD_FIELDS = `fragment StyleControlBoard on Leaderboard {
  styleCoefficients {
    feature coefficient eloPointsPerStandardDeviation ciLower ciUpper eloPointsCiLower eloPointsCiUpper
    intervalUnavailableReason
  }
  styleCoverage { verdictsWithStyle verdictsInSlice }
  intervalUnavailableReason
}`;

const BOARD_FIELDS = `
  method intervalMethod verdictCount modelCount bootstrapRounds confidenceLevel seed
  mleExists problem baseline cached swapPolicy anchor { model rating }
  judgeKinds { kind verdicts judges }
  ratedApart {
    model { name } reason explanation wins losses ties battles
    ratingLowerBound ratingUpperBound boundUnavailableReason
  }
  entries {
    rank rating ciLower ciUpper wins losses ties battles
    intervalReliable intervalReliabilityNote
    winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper
    model { name }
    ...StyleControlEntry
  }
  ...StyleControlBoard`;

export const LEADERBOARD_QUERY = `query DashboardLeaderboard($input: LeaderboardInput) {
  leaderboard(input: $input) {${BOARD_FIELDS}
  }
}
${STYLE_CONTROL_ENTRY_FIELDS}
${STYLE_CONTROL_BOARD_FIELDS}`;

export const MATRICES_QUERY = `query DashboardMatrices($input: LeaderboardInput) {
  leaderboard(input: $input) {
    method verdictCount modelCount cached
    judgeKinds { kind verdicts judges }
    entries { rank rating model { name } }
    winRates { modelA { name } modelB { name } predicted empirical battles }
  }
}`;

/** The models a slice rates: the baseline and anchor menus offer only these. */
export const RATED_MODELS_QUERY = `query DashboardRatedModels($input: LeaderboardInput) {
  leaderboard(input: $input) { entries { model { name } } }
}`;

/** Which judge kinds two models' record pools (the head-to-head view's note). */
export const PAIR_JUDGE_KINDS_QUERY = `query DashboardPairJudgeKinds($input: LeaderboardInput) {
  leaderboard(input: $input) { judgeKinds { kind verdicts judges } }
}`;

/** The choices the slice controls offer. */
export const CATALOG_QUERY = `query DashboardCatalog {
  models { name }
  judges { name version kind }
  categories { name verdicts judgeKinds { kind verdicts } }
}`;

export const DATA_VERSION_QUERY = `query DashboardDataVersion { dataVersion { version lastRecordedAt } }`;

/** One leaderboard per category in one request; `$c0…` are the per-category inputs. */
export function overviewQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$c${i}: LeaderboardInput`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `c${i}: leaderboard(input: $c${i}) { verdictCount entries { rank rating battles model { name } } }`,
  ).join('\n  ');
  return `query DashboardOverview($all: LeaderboardInput${count > 0 ? `, ${variables}` : ''}) {
  all: leaderboard(input: $all) {
    verdictCount judgeKinds { kind verdicts judges } entries { rank rating battles model { name } }
  }
  ${fields}
}`;
}

export const HEAD_TO_HEAD_QUERY = `query DashboardHeadToHead($a: String!, $b: String!, $filter: VerdictFilterInput,
                                   $pairFilter: VerdictFilterInput, $after: String) {
  headToHead(modelA: $a, modelB: $b, filter: $filter) {
    wins losses ties verdictCount empiricalWinRate predictedWinRate
    outcomes { outcome count }
  }
  verdicts(filter: $pairFilter, first: 50, after: $after) {
    nodes {
      id outcome shownFirst createdAt
      modelA { name } modelB { name }
      judge { name version kind }
      prompt { id externalId category text }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The decision between the page's two models (Query.comparison), from the slice's fit. */
export const COMPARISON_QUERY = `query DashboardComparison($input: ComparisonInput!) {
  comparison(input: $input) {
    verdicts sliceVerdicts decision margin level intervalMethod clusterBy
    ratingDifference { value ciLower ciUpper } standardError
    probabilityABetter { value ciLower ciUpper }
    additionalVerdicts additionalVerdictsNote problem
  }
}`;

export const BATTLE_QUERY = `query DashboardBattle($id: ID!) {
  verdict(id: $id) {
    id outcome shownFirst createdAt judgment preferenceA provenance
    modelA { name } modelB { name }
    judge { name version kind }
    prompt { id externalId category tags text }
    responseA { text tokenLength }
    responseB { text tokenLength }
  }
}`;

/** Every verdict on one prompt between two models: the other judges of the same battle. */
export const BATTLE_JUDGES_QUERY = `query DashboardBattleJudges($filter: VerdictFilterInput) {
  verdicts(filter: $filter, first: 100) {
    nodes { id outcome shownFirst judgment modelA { name } modelB { name } judge { name version kind } }
  }
}`;

/**
 * The head-to-head list a battle was opened from (HEAD_TO_HEAD_QUERY's page: same filter, same
 * page size, same `after`), and the first verdict of the next page: the battle's previous and
 * next links walk it.
 */
export const BATTLE_LIST_QUERY = `query DashboardBattleList($filter: VerdictFilterInput, $after: String) {
  verdicts(filter: $filter, first: 50, after: $after) {
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const BATTLE_NEXT_PAGE_QUERY = `query DashboardBattleNextPage($filter: VerdictFilterInput, $after: String) {
  verdicts(filter: $filter, first: 1, after: $after) { nodes { id } }
}`;

export const JUDGE_REPORT_QUERY = `query DashboardJudge($judge: String!, $filter: VerdictFilterInput) {
  judgeReport(judge: $judge, filter: $filter) {
    judge verdicts strongShare
    outcomes { outcome count }
    positionBias { decisive firstShownWins firstShownWinRate lower upper unknownOrder unavailableReason }
    swapConsistency { pairs consistent inconsistent oneSidedTie unpaired rate }
  }
}`;

export const JUDGE_PAIR_QUERY = `query DashboardJudgePair($a: String!, $b: String!, $filter: VerdictFilterInput) {
  judgeAgreement(judgeA: $a, judgeB: $b, filter: $filter) {
    judgeA judgeB pairs pairsWithoutTies agreement agreementWithoutTies kappa
  }
  rankingAgreement(judgeA: $a, judgeB: $b, filter: $filter) {
    models spearman kendall movers { model rankA rankB change }
  }
}`;

/** Where two judges' majorities differ, a page at a time, each with a verdict of both to open. */
export const JUDGE_DISAGREEMENTS_QUERY = `query DashboardJudgeDisagreements($a: String!, $b: String!,
                                           $filter: VerdictFilterInput, $after: String) {
  judgeDisagreements(judgeA: $a, judgeB: $b, filter: $filter, first: 25, after: $after) {
    nodes {
      preferenceA preferenceB votesA votesB
      prompt { externalId category text }
      verdictA { id modelA { name } modelB { name } }
      verdictB { id }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Full-text search (issue 23): prompts whose text or answers match, with battles and judges. */
export const SEARCH_QUERY = `query DashboardSearch($query: String!, $after: String) {
  search(query: $query, first: 20, after: $after) {
    nodes {
      rank
      prompt { id externalId category text }
      promptSnippet { text matched }
      matchedAnswers { snippet { text matched } response { id model { name } } }
      battles(first: 5) {
        totalCount
        verdicts { id outcome judge { name } modelA { name } modelB { name } }
      }
      judges { name version kind }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The model page: its history, profile and its row of the win-rate matrix, in one request. */
export const MODEL_PAGE_QUERY = `query DashboardModel($model: String!, $history: ModelHistoryInput!,
                                 $filter: VerdictFilterInput, $board: LeaderboardInput) {
  modelHistory(input: $history) {
    interval confidenceLevel
    points { periodStart cutOff rating ciLower ciUpper rank ratedModels battles verdicts unavailableReason }
  }
  modelProfile(model: $model, filter: $filter, recentVerdicts: 20) {
    categories { category battles wins losses ties }
    answerStyle { answers meanTokenLength meanHeaders meanListItems meanBold }
    fieldAnswerStyle { answers meanTokenLength meanHeaders meanListItems meanBold }
    recentVerdicts {
      id outcome shownFirst createdAt
      modelA { name } modelB { name }
      judge { name version kind }
      prompt { id externalId category text }
    }
  }
  leaderboard(input: $board) { winRates { modelA { name } modelB { name } predicted empirical battles } }
}`;

/** Reviewer quality of the Judges view (issue 22 §2). */
export const REVIEWER_QUALITY_QUERY = `query DashboardReviewers($filter: VerdictFilterInput) {
  reviewerQuality(filter: $filter) {
    reviewers {
      reviewer votes queuedVotes medianSecondsPerVote timeUnavailableReason flagged
      agreement { compared agreement lower upper }
      positionBias { decisive firstShownWinRate lower upper unknownOrder }
      gold { votes accuracy unavailableReason }
      screens { screen decision reason }
    }
    alpha { level alpha items minimumReviewers unavailableReason }
  }
}`;
