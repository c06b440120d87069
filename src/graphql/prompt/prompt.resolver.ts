import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { pageOfPrompts } from '../../services/pages';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import type { Context } from '../context';
import { PromptConnection } from './prompt.type';

@Resolver()
export class PromptResolver {
  @Query(() => PromptConnection, { description: 'Prompts in the order they were stored.' })
  async prompts(
    @Ctx() { db }: Context,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
    @Arg('categories', () => [String], {
      description: 'Prompts in any of these categories.',
      nullable: true,
    })
    categories?: string[],
    @Arg('tags', () => [String], {
      nullable: true,
      description: 'Prompts carrying any of these tags.',
    })
    tags?: string[],
    @Arg('externalIds', () => [String], {
      description: 'Prompts with any of these external ids.',
      nullable: true,
    })
    externalIds?: string[],
  ): Promise<PromptConnection> {
    const request = pageRequest(first, after);
    return toConnection(
      await pageOfPrompts(db, { categories, tags, externalIds }, request),
      request,
    );
  }
}
