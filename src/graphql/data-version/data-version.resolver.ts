import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { DataVersion } from './data-version.type';

@Resolver(() => DataVersion)
export class DataVersionResolver {
  @Query(() => DataVersion, {
    description: 'The current data version and when the last verdict was recorded.',
  })
  async dataVersion(@Ctx() { db, dataVersion, freshness }: Context): Promise<DataVersion> {
    return freshness.read(db, await dataVersion());
  }
}
