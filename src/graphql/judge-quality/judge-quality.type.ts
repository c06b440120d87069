import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JudgeKind } from '../common/enums';
import { OutcomeCount } from '../head-to-head/head-to-head.type';

@ObjectType({
  description:
    'Among decisive verdicts whose order is known: how often the answer shown first won.',
})
export class PositionBias {
  @Field(() => Int, {
    description: 'Decisive verdicts (no tie) whose order of presentation is known.',
  })
  decisive!: number;
  @Field(() => Int, { description: 'Of those, how many the answer shown first won.' })
  firstShownWins!: number;
  @Field(() => Float, { nullable: true, description: '0.5 is no bias.' }) firstShownWinRate!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Wilson score interval at confidenceLevel.' })
  lower!: number | null;
  @Field(() => Float, {
    description:
      'Upper end of the Wilson interval of the first-shown win rate; null with no decisive verdicts.',
    nullable: true,
  })
  upper!: number | null;
  @Field(() => Int, {
    description:
      'Verdicts left out because their source did not say which answer was shown first (the rate is over the others).',
  })
  unknownOrder!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'Why firstShownWinRate is null (e.g. the order of presentation is unknown for every verdict); null when the rate is given.',
  })
  unavailableReason!: string | null;
}

@ObjectType({
  description: 'Swap pairs: the same judge, prompt and two models, judged once in each order.',
})
export class SwapConsistency {
  @Field(() => Int, { description: 'Swap pairs found.' }) pairs!: number;
  @Field(() => Int, { description: 'Both games name the same winner, or both are ties.' })
  consistent!: number;
  @Field(() => Int, { description: 'The games name opposite winners.' }) inconsistent!: number;
  @Field(() => Int, { description: 'One game a tie, the other decisive.' }) oneSidedTie!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Share of swap pairs that agree: consistent / pairs, from 0 to 1; null with no pairs.',
  })
  rate!: number | null;
  @Field(() => Int, { description: 'Verdicts without a partner in the other order.' })
  unpaired!: number;
}

@ObjectType()
export class JudgeStatistics {
  @Field(() => Int, { description: 'Verdicts in the slice.' }) verdicts!: number;
  @Field(() => [OutcomeCount], { description: 'How many verdicts carry each outcome label.' })
  outcomes!: OutcomeCount[];
  @Field(() => Float, { nullable: true, description: 'Share of verdicts that are `>>`.' })
  strongShare!: number | null;
  @Field(() => PositionBias, { description: 'How often the answer shown first won.' })
  positionBias!: PositionBias;
  @Field(() => SwapConsistency, { description: "How often a swap pair's two verdicts agree." })
  swapConsistency!: SwapConsistency;
}

@ObjectType({ description: 'The statistics of one version of a judge.' })
export class JudgeVersionReport extends JudgeStatistics {
  @Field(() => String, { description: "The judge's name." }) name!: string;
  @Field(() => String, {
    description: 'The version of its judge prompt; empty when none was given.',
  })
  version!: string;
  @Field(() => JudgeKind, { description: 'HUMAN or LLM; null when the source did not say.' })
  kind!: JudgeKind;
}

@ObjectType({
  description:
    'How a judge decides: its labels, position bias and swap consistency, overall and per version.',
})
export class JudgeReport extends JudgeStatistics {
  @Field(() => String, { description: "The judge's name (all versions)." }) judge!: string;
  @Field(() => [JudgeVersionReport], {
    description: 'The same statistics for each version of the judge.',
  })
  versions!: JudgeVersionReport[];
}

@ObjectType({
  description: 'Two judges on the pairs (prompt and models) both judged, in one orientation.',
})
export class JudgeAgreement {
  @Field(() => String, { description: 'The first judge, as named in the query.' }) judgeA!: string;
  @Field(() => String, { description: 'The second judge, as named in the query.' }) judgeB!: string;
  @Field(() => Int, { description: 'Comparisons: shared pairs (for HUMAN, one per human vote).' })
  pairs!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share with the same preference (A, tie, B).',
  })
  agreement!: number | null;
  @Field(() => Float, { nullable: true, description: "Cohen's kappa on the 3-way preference." })
  kappa!: number | null;
  @Field(() => [[Float]], {
    description: "Rows: judgeA's preference, columns: judgeB's, in the order A, TIE, B.",
  })
  confusion!: number[][];
  @Field(() => Int, {
    description: 'Comparisons where neither judge said tie (FastChat\'s "w/o tie").',
  })
  pairsWithoutTies!: number;
  @Field(() => Float, {
    description:
      'Share of shared pairs both judges decided (no tie) on which they agree, from 0 to 1; null if there are none.',
    nullable: true,
  })
  agreementWithoutTies!: number | null;
}

@ObjectType({ description: "One model's place on two judges' leaderboards." })
export class RankMove {
  @Field(() => String, { description: 'Name of the model.' }) model!: string;
  @Field(() => Int, { description: "Its rank on judge A's leaderboard." }) rankA!: number;
  @Field(() => Int, { description: "Its rank on judge B's leaderboard." }) rankB!: number;
  @Field(() => Float, { description: "Its rating on judge A's leaderboard." }) ratingA!: number;
  @Field(() => Float, { description: "Its rating on judge B's leaderboard." }) ratingB!: number;
  @Field(() => Int, {
    description: 'Rank change from judge A to judge B: rankB − rankA (positive: lower on B).',
  })
  change!: number;
}

@ObjectType({
  description: "How alike two judges' Bradley–Terry leaderboards are, over the models both rank.",
})
export class RankingAgreement {
  @Field(() => String, { description: 'The first judge, as named in the query.' }) judgeA!: string;
  @Field(() => String, { description: 'The second judge, as named in the query.' }) judgeB!: string;
  @Field(() => Int, { description: 'Models both leaderboards rank.' }) models!: number;
  @Field(() => Float, {
    description:
      "Spearman rank correlation of the two leaderboards' ratings, from -1 to 1; null with fewer than two shared models.",
    nullable: true,
  })
  spearman!: number | null;
  @Field(() => Float, { nullable: true, description: "Kendall's tau-b." }) kendall!: number | null;
  @Field(() => [RankMove], { description: 'The largest rank change first.' }) movers!: RankMove[];
}
