import { Field, Int, ObjectType } from 'type-graphql';
import { JudgeKind } from '../common/enums';

@ObjectType({ description: "A category's verdicts by one kind of judge." })
export class CategoryJudgeKindCount {
  @Field(() => JudgeKind, { description: 'Human or LLM.' })
  kind!: string;

  @Field(() => Int, { description: 'Verdicts in the rankings by judges of this kind.' })
  verdicts!: number;
}

@ObjectType({ description: 'A prompt category that ranked verdicts fall into.' })
export class Category {
  @Field(() => String, {
    description: 'The category as the prompts carry it (`coding`, `arena-hard`).',
  })
  name!: string;

  @Field(() => Int, {
    description: 'Verdicts in the rankings (not superseded) on prompts of this category.',
  })
  verdicts!: number;

  @Field(() => [CategoryJudgeKindCount], {
    description: 'The same verdicts by judge kind (only kinds with verdicts), human first.',
  })
  judgeKinds!: CategoryJudgeKindCount[];
}
