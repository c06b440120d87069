import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { pageOfDisagreements } from '../../services/judge-disagreements';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import type { Context } from '../context';
import { Prompt } from '../prompt/prompt.type';
import { Verdict } from '../verdict/verdict.type';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { JUDGE_NAMES } from './judge-quality.resolver';
import { JudgeDisagreement, JudgeDisagreementConnection } from './judge-disagreement.type';

@Resolver(() => JudgeDisagreement)
export class JudgeDisagreementResolver {
  @Query(() => JudgeDisagreementConnection, {
    description:
      "Where two judges' majorities differ on the same prompt and pair (the pairs judgeAgreement counts as disagreeing when each judge is reduced to its majority), with a verdict of each to open.",
  })
  async judgeDisagreements(
    @Arg('judgeA', () => String, { description: JUDGE_NAMES }) judgeA: string,
    @Arg('judgeB', () => String, { description: JUDGE_NAMES }) judgeB: string,
    @Ctx() { db }: Context,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
  ): Promise<JudgeDisagreementConnection> {
    const request = pageRequest(first, after);
    const page = await pageOfDisagreements(db, judgeA, judgeB, toVerdictFilter(filter), request);
    const rows = page.rows.map((row) => ({
      id: row.id,
      verdictAId: row.verdictA.id,
      verdictBId: row.verdictB.id,
      promptId: row.verdictA.promptId,
      preferenceA: row.preferenceA,
      preferenceB: row.preferenceB,
      votesA: row.votesA,
      votesB: row.votesB,
    }));
    return toConnection({ rows, hasNextPage: page.hasNextPage }, request);
  }

  @FieldResolver(() => Verdict, { description: "A verdict of judgeA's voting with its majority." })
  async verdictA(@Root() found: JudgeDisagreement, @Ctx() { loaders }: Context): Promise<Verdict> {
    return present(await loaders.verdict.load(found.verdictAId), `verdict ${found.verdictAId}`);
  }

  @FieldResolver(() => Verdict, { description: "A verdict of judgeB's voting with its majority." })
  async verdictB(@Root() found: JudgeDisagreement, @Ctx() { loaders }: Context): Promise<Verdict> {
    return present(await loaders.verdict.load(found.verdictBId), `verdict ${found.verdictBId}`);
  }

  @FieldResolver(() => Prompt, { description: 'The prompt both judged.' })
  async prompt(@Root() found: JudgeDisagreement, @Ctx() { loaders }: Context): Promise<Prompt> {
    return present(await loaders.prompt.load(found.promptId), `prompt ${found.promptId}`);
  }
}
