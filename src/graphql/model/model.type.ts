import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A system under evaluation, unique by name (`gpt-4-0314`).' })
export class Model {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: 'A model\'s record over every stored verdict, seen from its side.' })
export class ModelStats {
  @Field(() => Int) wins!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int) battles!: number;
}
