import { Ctx, Query, Resolver } from 'type-graphql';
import { listJudges } from '../../services/catalog';
import type { Context } from '../context';
import { Judge } from './judge.type';

@Resolver(() => Judge)
export class JudgeResolver {
  @Query(() => [Judge], { description: 'Every judge and judge version.' })
  async judges(@Ctx() { db }: Context): Promise<Judge[]> {
    return (await listJudges(db)) as Judge[];
  }
}
