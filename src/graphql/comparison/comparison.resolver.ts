import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { compareModels } from '../../services/comparison';
import { present } from '../../domain/invariant';
import type { Context } from '../context';
import { leaderboardRequest } from '../leaderboard/leaderboard.resolver';
import { Model } from '../model/model.type';
import { ComparisonInput } from './comparison.input';
import { Comparison, type ComparisonDecision } from './comparison.type';
import type { ClusterBy, IntervalMethod } from '../common/enums';

@Resolver(() => Comparison)
export class ComparisonResolver {
  @Query(() => Comparison, {
    description:
      'Is A better than B, non-inferior, worse, or undecided, and how many more verdicts would decide it.',
  })
  async comparison(
    @Ctx() { db, leaderboards, dataVersion }: Context,
    @Arg('input', () => ComparisonInput, {
      description: 'The two models, the slice and fit, the margin and the level.',
    })
    input: ComparisonInput,
  ): Promise<Comparison> {
    const version = await dataVersion();
    const result = await compareModels(
      db,
      {
        modelA: input.modelA,
        modelB: input.modelB,
        leaderboard: leaderboardRequest(input.leaderboard),
        margin: input.margin,
        level: input.level,
      },
      async (request) => (await leaderboards.get(db, request, version)).leaderboard,
    );
    const { ratingDifference, probabilityABetter, board } = result;
    return {
      ...result,
      ratingDifference: {
        value: ratingDifference.value,
        ciLower: ratingDifference.lower,
        ciUpper: ratingDifference.upper,
      },
      standardError: ratingDifference.standardError,
      probabilityABetter: {
        value: probabilityABetter.value,
        ciLower: probabilityABetter.lower,
        ciUpper: probabilityABetter.upper,
      },
      decision: result.decision as ComparisonDecision,
      intervalMethod: board.intervalMethod as IntervalMethod,
      clusterBy: board.clusterBy as ClusterBy,
      problem: board.problem,
    };
  }

  @FieldResolver(() => Model, { description: 'The candidate.' })
  async modelA(@Root() comparison: Comparison, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(comparison.modelAId), `model ${comparison.modelAId}`);
  }

  @FieldResolver(() => Model, { description: 'The baseline.' })
  async modelB(@Root() comparison: Comparison, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(comparison.modelBId), `model ${comparison.modelBId}`);
  }
}
