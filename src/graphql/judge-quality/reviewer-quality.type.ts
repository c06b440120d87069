import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ReviewerScreenName {
  AGREEMENT = 'AGREEMENT',
  POSITION = 'POSITION',
}
registerEnumType(ReviewerScreenName, {
  name: 'ReviewerScreen',
  description: 'A sequential test that screens a reviewer for careless voting.',
  valuesConfig: {
    AGREEMENT: { description: "Disagreement with the other reviewers' majority (random voting)." },
    POSITION: { description: 'Wins of the answer shown first (always-first voting).' },
  },
});

export enum ScreenDecision {
  ALTERNATIVE = 'ALTERNATIVE',
  NULL = 'NULL',
  UNDECIDED = 'UNDECIDED',
}
registerEnumType(ScreenDecision, {
  name: 'ScreenDecision',
  description: "Where Wald's sequential probability ratio test stands.",
  valuesConfig: {
    ALTERNATIVE: { description: 'Careless voting: the reviewer is flagged.' },
    NULL: { description: 'Honest voting: the reviewer is cleared and the test stops.' },
    UNDECIDED: { description: 'Neither boundary was reached yet.' },
  },
});

export enum AlphaLevelName {
  NOMINAL = 'NOMINAL',
  ORDINAL = 'ORDINAL',
}
registerEnumType(AlphaLevelName, {
  name: 'AlphaLevel',
  description: "The metric of Krippendorff's alpha.",
  valuesConfig: {
    NOMINAL: { description: 'The 3-way preference (A, tie, B) as unordered categories.' },
    ORDINAL: {
      description: 'The 5-level scale A>>B, A>B, tie (A=B or BOTH_BAD), B>A, B>>A, as ranks.',
    },
  },
});

@ObjectType({
  description: "A reviewer's votes against the majority of the item's other reviewers.",
})
export class MajorityAgreement {
  @Field(() => Int, { description: 'Votes on items where the other reviewers had a majority.' })
  compared!: number;
  @Field(() => Int, { description: 'Of those, votes that give the majority preference.' })
  agreements!: number;
  @Field(() => Int, {
    description: 'Votes where the other reviewers were split with no majority: left out.',
  })
  undecided!: number;
  @Field(() => Int, { description: 'Votes on items nobody else reviewed: left out.' })
  alone!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Agreements / compared; null when 0 compared.',
  })
  agreement!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the Wilson interval.' })
  lower!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper end of the Wilson interval.' })
  upper!: number | null;
}

@ObjectType({ description: "A reviewer's first-shown win rate among decisive votes." })
export class ReviewerPositionBias {
  @Field(() => Int, { description: 'Decisive votes whose order of presentation is known.' })
  decisive!: number;
  @Field(() => Int, { description: 'Of those, votes for the answer shown first.' })
  firstShownWins!: number;
  @Field(() => Float, {
    nullable: true,
    description: '0.5 is no bias; null with no decisive vote.',
  })
  firstShownWinRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the Wilson interval.' })
  lower!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper end of the Wilson interval.' })
  upper!: number | null;
  @Field(() => Int, { description: 'Votes whose source did not say which answer was shown first.' })
  unknownOrder!: number;
}

@ObjectType({ description: "A reviewer's votes on gold items (items with a known answer)." })
export class GoldAccuracy {
  @Field(() => Int, { description: 'Votes on gold items.' }) votes!: number;
  @Field(() => Int, { description: 'Of those, votes naming the gold winner (or a tie).' })
  agreements!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Agreements / votes; null with no gold vote.',
  })
  accuracy!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the Wilson interval.' })
  lower!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper end of the Wilson interval.' })
  upper!: number | null;
  @Field(() => String, { nullable: true, description: 'Why accuracy is null; null when given.' })
  unavailableReason!: string | null;
}

@ObjectType({ description: "One screen's sequential test over a reviewer's votes in order." })
export class ReviewerScreenResult {
  @Field(() => ReviewerScreenName, { description: 'Which screen.' }) screen!: ReviewerScreenName;
  @Field(() => ScreenDecision, { description: 'What the test decided.' })
  decision!: ScreenDecision;
  @Field(() => Int, { description: 'Votes cast up to the one that decided (all when undecided).' })
  votesRead!: number;
  @Field(() => Int, { description: 'Votes the screen could read up to then.' })
  observations!: number;
  @Field(() => Int, {
    description: 'Of those, disagreements (AGREEMENT) or first-shown wins (POSITION).',
  })
  successes!: number;
  @Field(() => Float, { description: 'The log-likelihood ratio of careless over honest voting.' })
  logLikelihoodRatio!: number;
  @Field(() => String, { description: 'What was decided, on which counts and rates.' })
  reason!: string;
}

@ObjectType({ description: 'How far the votes of one human reviewer can be trusted.' })
export class ReviewerQuality {
  @Field(() => String, { description: "The reviewer's judge name (e.g. human:ann)." })
  reviewer!: string;
  @Field(() => Int, { description: 'Votes in the slice.' }) votes!: number;
  @Field(() => MajorityAgreement, {
    description: 'Agreement with the leave-one-out majority of the other reviewers.',
  })
  agreement!: MajorityAgreement;
  @Field(() => ReviewerPositionBias, { description: 'How often the answer shown first won.' })
  positionBias!: ReviewerPositionBias;
  @Field(() => Int, { description: 'Votes cast through a review queue.' }) queuedVotes!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from claim to vote over the queued votes; null with a reason.',
  })
  medianSecondsPerVote!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why medianSecondsPerVote is null; null when given.',
  })
  timeUnavailableReason!: string | null;
  @Field(() => GoldAccuracy, { description: 'Votes on gold items against their known answer.' })
  gold!: GoldAccuracy;
  @Field(() => Boolean, { description: 'True when a screen decided for careless voting.' })
  flagged!: boolean;
  @Field(() => [ReviewerScreenResult], { description: 'Each screen and what it decided.' })
  screens!: ReviewerScreenResult[];
}

@ObjectType({
  description: "Krippendorff's alpha of the reviewers on the items enough of them voted on.",
})
export class CrowdAlpha {
  @Field(() => AlphaLevelName, { description: 'The metric.' }) level!: AlphaLevelName;
  @Field(() => Float, {
    nullable: true,
    description: '1 − observed/expected disagreement; null with a reason.',
  })
  alpha!: number | null;
  @Field(() => Int, { description: 'Items voted on by at least minimumReviewers reviewers.' })
  items!: number;
  @Field(() => Int, { description: 'The fewest different reviewers an item needs to count.' })
  minimumReviewers!: number;
  @Field(() => Int, { description: 'Votes on those items (one per reviewer and item).' })
  pairableValues!: number;
  @Field(() => Float, { description: 'D_o: observed disagreement per pairable value.' })
  observedDisagreement!: number;
  @Field(() => Float, { description: 'D_e: disagreement expected by chance.' })
  expectedDisagreement!: number;
  @Field(() => String, { nullable: true, description: 'Why alpha is null; null when given.' })
  unavailableReason!: string | null;
}

@ObjectType({ description: 'Every human reviewer of a slice, and the reliability of the crowd.' })
export class ReviewerQualityReport {
  @Field(() => [ReviewerQuality], { description: 'Most votes first, then by name.' })
  reviewers!: ReviewerQuality[];
  @Field(() => [CrowdAlpha], { description: "Krippendorff's alpha, nominal and ordinal." })
  alpha!: CrowdAlpha[];
}
