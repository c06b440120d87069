import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JudgeKind } from '../common/enums';
import { OutcomeCount } from '../head-to-head/head-to-head.type';

@ObjectType({ description: 'Among decisive verdicts whose order is known: how often the answer shown first won.' })
export class PositionBias {
  @Field(() => Int) decisive!: number;
  @Field(() => Int) firstShownWins!: number;
  @Field(() => Float, { nullable: true, description: '0.5 is no bias.' }) firstShownWinRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Wilson score interval at confidenceLevel.' }) lower!: number | null;
  @Field(() => Float, { nullable: true }) upper!: number | null;
}

@ObjectType({ description: 'Swap pairs: the same judge, prompt and two models, judged once in each order.' })
export class SwapConsistency {
  @Field(() => Int) pairs!: number;
  @Field(() => Int, { description: 'Both games name the same winner, or both are ties.' }) consistent!: number;
  @Field(() => Int, { description: 'The games name opposite winners.' }) inconsistent!: number;
  @Field(() => Int, { description: 'One game a tie, the other decisive.' }) oneSidedTie!: number;
  @Field(() => Float, { nullable: true, description: 'consistent / pairs.' }) rate!: number | null;
  @Field(() => Int, { description: 'Verdicts without a partner in the other order.' }) unpaired!: number;
}

@ObjectType()
export class JudgeStatistics {
  @Field(() => Int) verdicts!: number;
  @Field(() => [OutcomeCount]) outcomes!: OutcomeCount[];
  @Field(() => Float, { nullable: true, description: 'Share of verdicts that are `>>`.' }) strongShare!: number | null;
  @Field(() => PositionBias) positionBias!: PositionBias;
  @Field(() => SwapConsistency) swapConsistency!: SwapConsistency;
}

@ObjectType()
export class JudgeVersionReport extends JudgeStatistics {
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => JudgeKind) kind!: JudgeKind;
}

@ObjectType({ description: 'How a judge decides: its labels, position bias and swap consistency, overall and per version.' })
export class JudgeReport extends JudgeStatistics {
  @Field(() => String) judge!: string;
  @Field(() => [JudgeVersionReport]) versions!: JudgeVersionReport[];
}

@ObjectType({ description: 'Two judges on the pairs (prompt and models) both judged, in one orientation.' })
export class JudgeAgreement {
  @Field(() => String) judgeA!: string;
  @Field(() => String) judgeB!: string;
  @Field(() => Int, { description: 'Comparisons: shared pairs (for HUMAN, one per human vote).' }) pairs!: number;
  @Field(() => Float, { nullable: true, description: 'Share with the same preference (A, tie, B).' }) agreement!: number | null;
  @Field(() => Float, { nullable: true, description: 'Cohen\'s kappa on the 3-way preference.' }) kappa!: number | null;
  @Field(() => [[Float]], { description: 'Rows: judgeA\'s preference, columns: judgeB\'s, in the order A, TIE, B.' }) confusion!: number[][];
  @Field(() => Int, { description: 'Comparisons where neither judge said tie (FastChat\'s "w/o tie").' }) pairsWithoutTies!: number;
  @Field(() => Float, { nullable: true }) agreementWithoutTies!: number | null;
}

@ObjectType()
export class RankMove {
  @Field(() => String) model!: string;
  @Field(() => Int) rankA!: number;
  @Field(() => Int) rankB!: number;
  @Field(() => Float) ratingA!: number;
  @Field(() => Float) ratingB!: number;
  @Field(() => Int, { description: 'rankB − rankA.' }) change!: number;
}

@ObjectType({ description: 'How alike two judges\' Bradley–Terry leaderboards are, over the models both rank.' })
export class RankingAgreement {
  @Field(() => String) judgeA!: string;
  @Field(() => String) judgeB!: string;
  @Field(() => Int, { description: 'Models both leaderboards rank.' }) models!: number;
  @Field(() => Float, { nullable: true }) spearman!: number | null;
  @Field(() => Float, { nullable: true, description: 'Kendall\'s tau-b.' }) kendall!: number | null;
  @Field(() => [RankMove], { description: 'The largest rank change first.' }) movers!: RankMove[];
}
