import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Leaderboard as LeaderboardResult } from '../../services/leaderboard';
import { toVerdictFilter } from '../verdict/verdict-filter.input';
import type { Context, Loaders } from '../context';
import type { LeaderboardRequest } from '../../services/leaderboard-request';
import { Model } from '../model/model.type';
import { LeaderboardInput } from './leaderboard.input';
import { JudgeKindCount, Leaderboard, LeaderboardEntry, WinRate } from './leaderboard.type';
import { RatedApartModel } from './rated-apart.type';
import type { VerdictFilter } from '../../services/verdict-filter';
import { present } from '../../domain/invariant';

@Resolver(() => Leaderboard)
export class LeaderboardResolver {
  @Query(() => Leaderboard, {
    description: 'Ratings of the models over a slice of verdicts, with intervals and win rates.',
  })
  async leaderboard(
    @Ctx() { db, leaderboards, loaders, dataVersion }: Context,
    @Arg('input', () => LeaderboardInput, {
      description: 'Which ranking over which slice; every field has a default.',
      nullable: true,
    })
    input?: LeaderboardInput,
  ): Promise<Leaderboard> {
    const request = leaderboardRequest(input);
    const { leaderboard: result, cached } = await leaderboards.get(
      db,
      request,
      await dataVersion(),
    );
    return leaderboardAnswer(result, cached, loaders, request.filter);
  }

  @FieldResolver(() => [JudgeKindCount], {
    description:
      'Verdicts and judges of each kind in the slice, humans first; more than one entry means the board mixes human and LLM judges (filter with judgeKinds to split them). A kind with no verdicts is left out.',
  })
  async judgeKinds(
    @Root() leaderboard: Leaderboard,
    @Ctx() { loaders }: Context,
  ): Promise<JudgeKindCount[]> {
    return (await loaders.judgeKinds.load(leaderboard.filter)) as JudgeKindCount[];
  }

  /** Built only when asked for: a leaderboard of n models has n·(n − 1) of them. */
  @FieldResolver(() => [WinRate], { description: 'Every ordered pair of rated models.' })
  winRates(@Root() leaderboard: Leaderboard): WinRate[] {
    // Fields listed, not rest and spread: either gives each of the n·(n − 1) objects a hidden class
    // of its own on Node 20's V8 (README, "Round VI: object spread on hot paths").
    return leaderboard.result.winRates().map((cell) => ({
      modelAId: cell.modelA.id,
      modelBId: cell.modelB.id,
      predicted: cell.predicted,
      empirical: cell.empirical,
      battles: cell.battles,
    }));
  }
}

/** The service's request for a `LeaderboardInput` (the query's and the subscription's). */
export function leaderboardRequest(input: LeaderboardInput | null | undefined): LeaderboardRequest {
  const {
    method,
    anchor,
    baseline,
    strongVerdictWeight,
    bootstrapRounds,
    seed,
    confidenceLevel,
    intervalMethod,
    regularization,
    styleControl,
    swapPolicy,
    clusterBy,
    ...filter
  } = input ?? new LeaderboardInput();
  return {
    method,
    filter: toVerdictFilter(filter),
    anchor,
    baseline,
    strongVerdictWeight,
    bootstrapRounds,
    seed,
    confidenceLevel,
    intervalMethod,
    regularization,
    styleControl,
    swapPolicy,
    clusterBy,
  };
}

export function leaderboardAnswer(
  result: LeaderboardResult,
  cached: boolean,
  loaders: Loaders,
  filter: VerdictFilter,
): Leaderboard {
  // The entries know their models: nested `model` fields need no query.
  for (const entry of [...result.entries, ...result.ratedApart])
    loaders.model.prime(entry.model.id, entry.model);
  return { ...toGraphQL(result), cached, filter };
}

function toGraphQL(result: LeaderboardResult): Leaderboard {
  // The lazy method is left out of the copy, never called through it.
  const {
    // eslint-disable-next-line @typescript-eslint/unbound-method
    winRates: _winRates,
    footprintBytes: _footprintBytes,
    jointUncertainty: _jointUncertainty,
    modelIndexOf: _modelIndexOf,
    ...rest
  } = result;
  return {
    ...rest,
    result,
    entries: result.entries.map(({ model, ...entry }) => ({ ...entry, modelId: model.id })),
    ratedApart: result.ratedApart.map(({ model, ...entry }) => ({ ...entry, modelId: model.id })),
  } as Leaderboard;
}

@Resolver(() => LeaderboardEntry)
export class LeaderboardEntryResolver {
  @FieldResolver(() => Model, { description: 'The rated model.' })
  async model(@Root() entry: LeaderboardEntry, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(entry.modelId), `model ${entry.modelId}`);
  }
}

@Resolver(() => RatedApartModel)
export class RatedApartModelResolver {
  @FieldResolver(() => Model, { description: 'The model rated apart.' })
  async model(@Root() entry: RatedApartModel, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(entry.modelId), `model ${entry.modelId}`);
  }
}

@Resolver(() => WinRate)
export class WinRateResolver {
  @FieldResolver(() => Model, { description: 'The row model.' })
  async modelA(@Root() cell: WinRate, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(cell.modelAId), `model ${cell.modelAId}`);
  }

  @FieldResolver(() => Model, { description: 'The column model.' })
  async modelB(@Root() cell: WinRate, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(cell.modelBId), `model ${cell.modelBId}`);
  }
}
