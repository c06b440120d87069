import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LeaderboardInput } from '../leaderboard/leaderboard.input';

export enum HistoryInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(HistoryInterval, {
  name: 'HistoryInterval',
  description: 'How often a model history takes a cut-off (UTC).',
  valuesConfig: {
    DAY: { description: 'At the end of each day, midnight UTC.' },
    WEEK: { description: 'At the end of each ISO week (Monday to Sunday, UTC).' },
  },
});

@InputType({ description: "Which model's history, on which leaderboard, how often." })
export class ModelHistoryInput {
  @Field(() => String, { description: "The model's exact name." }) model!: string;
  @Field(() => LeaderboardInput, {
    nullable: true,
    description:
      'The board and slice; plain Bradley–Terry only (no ELO, styleControl, swapPolicy, clusterBy PROMPT, baseline or BOOTSTRAP intervals). Default every verdict.',
  })
  leaderboard?: LeaderboardInput;
  @Field(() => HistoryInterval, {
    nullable: true,
    defaultValue: HistoryInterval.DAY,
    description: 'DAY (default) or WEEK.',
  })
  interval!: HistoryInterval;
}

@ObjectType({ description: 'The model on the leaderboard as of one cut-off.' })
export class ModelHistoryPoint {
  @Field(() => Date, { description: 'Start of the period (UTC).' }) periodStart!: Date;
  @Field(() => Date, {
    description: 'End of the period: the board counts the verdicts decided before it.',
  })
  cutOff!: Date;
  @Field(() => Float, {
    nullable: true,
    description: 'Bradley–Terry rating (Elo scale); null with the reason in unavailableReason.',
  })
  rating!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Lower bound of the sandwich (HC3) interval at confidenceLevel, Elo points.',
  })
  ciLower!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Upper bound of the sandwich (HC3) interval at confidenceLevel, Elo points.',
  })
  ciUpper!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      '1 + the number of models whose interval lies wholly above this one, at this cut-off.',
  })
  rank!: number | null;
  @Field(() => Int, { description: 'Models rated at this cut-off (what rank is out of).' })
  ratedModels!: number;
  @Field(() => Int, { description: 'Verdicts of this model up to the cut-off.' }) battles!: number;
  @Field(() => Int, { description: 'Verdicts of the slice up to the cut-off.' }) verdicts!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'Why rating is null: the model has not played yet, the anchor has not, or some model has no finite estimate yet (pass regularization).',
  })
  unavailableReason!: string | null;
}

@ObjectType({
  description:
    "A model's rating, interval and rank as of each day or week over the verdicts up to it.",
})
export class ModelHistory {
  modelId!: number;
  @Field(() => HistoryInterval, { description: 'How often a cut-off was taken.' })
  interval!: HistoryInterval;
  @Field(() => Float, { description: 'Coverage of the intervals.' }) confidenceLevel!: number;
  @Field(() => [ModelHistoryPoint], {
    description:
      'One point per day or week in which the slice gained verdicts, oldest first; empty periods change nothing and are left out.',
  })
  points!: ModelHistoryPoint[];
}
