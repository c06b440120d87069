import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { pageOfResponses } from '../../services/pages';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import { thenReady } from '../common/ready-loader';
import type { Context } from '../context';
import { Model } from '../model/model.type';
import { Prompt } from '../prompt/prompt.type';
import { Response, ResponseConnection } from './response.type';
import { present } from '../../domain/invariant';

@Resolver(() => Response)
export class ResponseResolver {
  @Query(() => ResponseConnection, { description: 'Responses in the order they were stored.' })
  async responses(
    @Ctx() { db }: Context,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
    @Arg('model', () => String, {
      description: 'Only answers of the model with this name.',
      nullable: true,
    })
    model?: string,
    @Arg('promptExternalId', () => String, {
      description: 'Only answers to the prompt with this external id.',
      nullable: true,
    })
    promptExternalId?: string,
  ): Promise<ResponseConnection> {
    const request = pageRequest(first, after);
    return toConnection(await pageOfResponses(db, { model, promptExternalId }, request), request);
  }

  // Not async: in a verdict page the rows are loaded up front (verdict/nested-rows.ts).
  @FieldResolver(() => Prompt, { description: 'The prompt answered.' })
  prompt(@Root() response: Response, @Ctx() { loaders }: Context): Prompt | Promise<Prompt> {
    return thenReady(loaders.prompt.loadReady(response.promptId), (prompt) =>
      present(prompt, `prompt ${response.promptId}`),
    );
  }

  @FieldResolver(() => Model, { description: 'The model that answered.' })
  model(@Root() response: Response, @Ctx() { loaders }: Context): Model | Promise<Model> {
    return thenReady(loaders.model.loadReady(response.modelId), (model) =>
      present(model, `model ${response.modelId}`),
    );
  }
}
