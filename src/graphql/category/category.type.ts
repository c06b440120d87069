import { Field, Int, ObjectType } from 'type-graphql';

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
}
