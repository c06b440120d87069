import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { headToHead } from '../../services/head-to-head';
import { pageOfPrompts } from '../../services/pages';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import type { Context } from '../context';
import { Model } from '../model/model.type';
import { PromptConnection } from '../prompt/prompt.type';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { HeadToHead } from './head-to-head.type';
import { present } from '../../domain/invariant';

@Resolver(() => HeadToHead)
export class HeadToHeadResolver {
  @Query(() => HeadToHead, {
    description: 'How two models fared against each other over a slice of verdicts.',
  })
  async headToHead(
    @Arg('modelA', () => String, { description: 'Name of the first model.' }) modelA: string,
    @Arg('modelB', () => String, { description: 'Name of the second model.' }) modelB: string,
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts; default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
  ): Promise<HeadToHead> {
    return (await headToHead(db, modelA, modelB, toVerdictFilter(filter))) as HeadToHead;
  }

  @FieldResolver(() => Model, { description: 'The first model named.' })
  async modelA(@Root() record: HeadToHead, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(record.modelAId), `model ${record.modelAId}`);
  }

  @FieldResolver(() => Model, { description: 'The second model named.' })
  async modelB(@Root() record: HeadToHead, @Ctx() { loaders }: Context): Promise<Model> {
    return present(await loaders.model.load(record.modelBId), `model ${record.modelBId}`);
  }

  @FieldResolver(() => PromptConnection, {
    description: 'The prompts on which they met, in the order they were stored.',
  })
  async prompts(
    @Root() record: HeadToHead,
    @Ctx() { db }: Context,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
  ): Promise<PromptConnection> {
    const request = pageRequest(first, after);
    const metBetween = {
      modelAId: record.modelAId,
      modelBId: record.modelBId,
      verdicts: record.filter,
    };
    return toConnection(await pageOfPrompts(db, { metBetween }, request), request);
  }
}
