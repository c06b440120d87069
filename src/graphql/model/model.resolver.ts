import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findModelByName, listModels } from '../../services/catalog';
import type { Context } from '../context';
import { Model, ModelStats } from './model.type';

@Resolver(() => Model)
export class ModelResolver {
  @Query(() => [Model], { description: 'Every model, by name.' })
  models(@Ctx() { db }: Context): Promise<Model[]> {
    return listModels(db);
  }

  @Query(() => Model, { nullable: true, description: 'One model by its exact name, or null.' })
  model(
    @Arg('name', () => String, { description: "The model's name." }) name: string,
    @Ctx() { db }: Context,
  ): Promise<Model | null> {
    return findModelByName(db, name);
  }

  @FieldResolver(() => ModelStats, {
    description: 'Wins, losses and battles over every stored verdict.',
  })
  stats(@Root() model: Model, @Ctx() { loaders }: Context): ModelStats | Promise<ModelStats> {
    return loaders.modelStats.loadReady(model.id);
  }
}
