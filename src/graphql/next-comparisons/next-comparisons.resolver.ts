import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { suggestComparisons, type ComparisonObjective } from '../../services/next-comparisons';
import { badUserInput } from '../common/errors';
import type { Context } from '../context';
import { leaderboardRequest } from '../leaderboard/leaderboard.resolver';
import { Model } from '../model/model.type';
import { Prompt } from '../prompt/prompt.type';
import { Response } from '../response/response.type';
import { ComparisonObjectiveTarget } from './next-comparisons.enums';
import { ComparisonObjectiveInput, NextComparisonsInput } from './next-comparisons.input';
import { SuggestedComparison } from './suggested-comparison.type';

@Resolver(() => SuggestedComparison)
export class NextComparisonsResolver {
  @Query(() => [SuggestedComparison], {
    description:
      'Which comparisons a judge or a reviewer should do next, where they help the ranking most (issue 22).',
  })
  async nextComparisons(
    @Ctx() { db, leaderboards }: Context,
    @Arg('input', () => NextComparisonsInput, {
      description: 'The ranking, how many, the strategy and the seed.',
    })
    input: NextComparisonsInput,
  ): Promise<SuggestedComparison[]> {
    const { comparisons } = await suggestComparisons(
      db,
      {
        leaderboard: leaderboardRequest(input.leaderboard),
        count: input.count,
        strategy: input.strategy,
        seed: input.seed,
        objective: designObjective(input.objective),
      },
      { appends: leaderboards.history },
    );
    return comparisons as SuggestedComparison[];
  }

  @FieldResolver(() => Model, { description: 'The model whose answer is A.' })
  async modelA(@Root() root: SuggestedComparison, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(root.modelAId), `model ${root.modelAId}`);
  }

  @FieldResolver(() => Model, { description: 'The model whose answer is B.' })
  async modelB(@Root() root: SuggestedComparison, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(root.modelBId), `model ${root.modelBId}`);
  }

  @FieldResolver(() => Prompt, {
    nullable: true,
    description: 'The prompt to judge them on; null only when the slice holds no prompt.',
  })
  async prompt(
    @Root() root: SuggestedComparison,
    @Ctx() { loaders }: Context,
  ): Promise<Prompt | null> {
    return root.promptId === null ? null : await loaders.prompt.load(root.promptId);
  }

  @FieldResolver(() => Response, {
    nullable: true,
    description: "Model A's stored answer to the prompt.",
  })
  async responseA(
    @Root() root: SuggestedComparison,
    @Ctx() { loaders }: Context,
  ): Promise<Response | null> {
    return root.responseAId === null ? null : await loaders.response.load(root.responseAId);
  }

  @FieldResolver(() => Response, {
    nullable: true,
    description: "Model B's stored answer to the prompt.",
  })
  async responseB(
    @Root() root: SuggestedComparison,
    @Ctx() { loaders }: Context,
  ): Promise<Response | null> {
    return root.responseBId === null ? null : await loaders.response.load(root.responseBId);
  }
}

function designObjective(
  objective: ComparisonObjectiveInput | undefined,
): ComparisonObjective | null {
  if (!objective || objective.target === ComparisonObjectiveTarget.ALL) return null;
  if (objective.k === undefined || objective.k === null)
    throw badUserInput('input.objective.k is required with target TOP_K.', 'input.objective.k');
  return { target: 'TOP_K', k: objective.k };
}
