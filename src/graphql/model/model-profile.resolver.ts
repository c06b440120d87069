import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { present } from '../../domain/invariant';
import { computeModelProfile, MAX_RECENT_VERDICTS } from '../../services/model-profile';
import type { Context } from '../context';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { Verdict } from '../verdict/verdict.type';
import { ModelProfile } from './model-profile.type';
import { Model } from './model.type';

@Resolver(() => ModelProfile)
export class ModelProfileResolver {
  @Query(() => ModelProfile, {
    description:
      "A model's categories, answer style against the field and latest verdicts over a slice (three statements). An unknown model is BAD_USER_INPUT with the closest names.",
  })
  async modelProfile(
    @Arg('model', () => String, { description: "The model's exact name." }) model: string,
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      nullable: true,
      description: 'Only these verdicts; default all.',
    })
    filter?: VerdictFilterInput,
    @Arg('recentVerdicts', () => Int, {
      nullable: true,
      defaultValue: 10,
      description: `How many of its latest verdicts to list, at most ${MAX_RECENT_VERDICTS}; default 10.`,
    })
    recentVerdicts = 10,
  ): Promise<ModelProfile> {
    return computeModelProfile(db, model, toVerdictFilter(filter), recentVerdicts);
  }

  @FieldResolver(() => Model, { description: 'The model.' })
  async model(@Root() profile: ModelProfile, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(profile.modelId), `model ${profile.modelId}`);
  }

  @FieldResolver(() => [Verdict], {
    description: 'Its latest verdicts in the slice, newest first (by decision time, then id).',
  })
  async recentVerdicts(
    @Root() profile: ModelProfile,
    @Ctx() { loaders }: Context,
  ): Promise<Verdict[]> {
    const rows = await loaders.verdict.loadMany(profile.recentVerdictIds);
    return rows.map((row, i) => {
      if (row instanceof Error) throw row;
      return present(row, `verdict ${profile.recentVerdictIds[i]}`);
    });
  }
}
