import { Ctx, Query, Resolver } from 'type-graphql';
import { listCategories } from '../../services/categories';
import type { Context } from '../context';
import { Category } from './category.type';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'Every prompt category with ranked verdicts, by name.' })
  categories(@Ctx() { db }: Context): Promise<Category[]> {
    return listCategories(db);
  }
}
