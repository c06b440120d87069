import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A system under evaluation, unique by name (`gpt-4-0314`).',
  simpleResolvers: true,
})
export class Model {
  @Field(() => ID, { description: "The model's id." }) id!: number;
  @Field(() => String, { description: "The model's unique name." }) name!: string;
  @Field(() => Date, { description: 'When the model was first seen.' }) createdAt!: Date;
}

@ObjectType({
  description: "A model's record over every stored verdict, seen from its side.",
  simpleResolvers: true,
})
export class ModelStats {
  @Field(() => Int, { description: 'Verdicts this model won.' }) wins!: number;
  @Field(() => Int, { description: 'Verdicts this model lost.' }) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int, { description: 'Verdicts this model took part in.' }) battles!: number;
}
