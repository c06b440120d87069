import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { computeModelHistory, MAX_HISTORY_CUT_OFFS } from '../../services/model-history';
import type { Context } from '../context';
import { leaderboardRequest } from '../leaderboard/leaderboard.resolver';
import { ModelHistory, ModelHistoryInput } from './model-history.type';
import { Model } from './model.type';

@Resolver(() => ModelHistory)
export class ModelHistoryResolver {
  @Query(() => ModelHistory, {
    description:
      `A model's Bradley–Terry rating, sandwich interval and rank as of each day or week, over the slice's verdicts up to each cut-off. ` +
      `Cost: one read of the slice grouped by (period, pair, outcome), then per cut-off one warm-started fit and one covariance (about models³); ` +
      `at most ${MAX_HISTORY_CUT_OFFS} cut-offs (LIMIT_EXCEEDED beyond). An unknown model is BAD_USER_INPUT with the closest names.`,
  })
  async modelHistory(
    @Arg('input', () => ModelHistoryInput, { description: 'The model, board and interval.' })
    input: ModelHistoryInput,
    @Ctx() { db, loaders }: Context,
  ): Promise<ModelHistory> {
    const history = await computeModelHistory(db, {
      model: input.model,
      leaderboard: leaderboardRequest(input.leaderboard),
      interval: input.interval,
    });
    loaders.model.prime(history.model.id, history.model);
    return { ...history, modelId: history.model.id } as ModelHistory;
  }

  @FieldResolver(() => Model, { description: 'The model.' })
  async model(@Root() history: ModelHistory, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(history.modelId), `model ${history.modelId}`);
  }
}
