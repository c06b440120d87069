import { Arg, Ctx, Float, Query, Resolver } from 'type-graphql';
import { compareJudges, judgeReport, rankingAgreement } from '../../services/judge-quality';
import type { Context } from '../context';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { JudgeAgreement, JudgeReport, RankingAgreement } from './judge-quality.type';

export const JUDGE_NAMES =
  "A judge name (all versions), `name@version`, `HUMAN` (every human verdict) or `HUMAN_MAJORITY` (the humans' majority per pair).";

@Resolver()
export class JudgeQualityResolver {
  @Query(() => JudgeReport, {
    description: "A judge's label distribution, position bias and swap consistency over a slice.",
  })
  async judgeReport(
    @Arg('judge', () => String, { description: JUDGE_NAMES }) judge: string,
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
    @Arg('confidenceLevel', () => Float, {
      description: 'Coverage of the intervals; default 0.95.',
      nullable: true,
      defaultValue: 0.95,
    })
    confidenceLevel?: number,
  ): Promise<JudgeReport> {
    return (await judgeReport(
      db,
      judge,
      toVerdictFilter(filter),
      confidenceLevel ?? 0.95,
    )) as JudgeReport;
  }

  @Query(() => JudgeAgreement, {
    description: "Agreement and Cohen's kappa of two judges on the pairs both judged.",
  })
  async judgeAgreement(
    @Arg('judgeA', () => String, { description: JUDGE_NAMES }) judgeA: string,
    @Arg('judgeB', () => String, { description: JUDGE_NAMES }) judgeB: string,
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
  ): Promise<JudgeAgreement> {
    return compareJudges(db, judgeA, judgeB, toVerdictFilter(filter));
  }

  @Query(() => RankingAgreement, {
    description: "Spearman and Kendall correlation of two judges' leaderboards.",
  })
  async rankingAgreement(
    @Arg('judgeA', () => String, { description: JUDGE_NAMES }) judgeA: string,
    @Arg('judgeB', () => String, { description: JUDGE_NAMES }) judgeB: string,
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
  ): Promise<RankingAgreement> {
    return rankingAgreement(db, judgeA, judgeB, toVerdictFilter(filter));
  }
}
