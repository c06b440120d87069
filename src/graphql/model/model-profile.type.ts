import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: "A model's record on the prompts of one category.",
  simpleResolvers: true,
})
export class ModelCategoryRecord {
  @Field(() => String, {
    nullable: true,
    description: 'The category; null for prompts without one.',
  })
  category!: string | null;
  @Field(() => Int, { description: 'Verdicts on these prompts.' }) battles!: number;
  @Field(() => Int, { description: 'Verdicts the model won.' }) wins!: number;
  @Field(() => Int, { description: 'Verdicts the model lost.' }) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
}

@ObjectType({
  description: 'Length and markdown of a set of answers (the style counts stored at ingestion).',
  simpleResolvers: true,
})
export class AnswerStyle {
  @Field(() => Int, { description: 'Distinct stored answers the slice’s verdicts point at.' })
  answers!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean length in tokens; null without answers.',
  })
  meanTokenLength!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean markdown headers per answer.' })
  meanHeaders!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean list items per answer.' })
  meanListItems!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean bold spans per answer.' })
  meanBold!: number | null;
}

@ObjectType({ description: "What a model's page shows beside its ratings, over one slice." })
export class ModelProfile {
  modelId!: number;
  recentVerdictIds!: number[];
  @Field(() => [ModelCategoryRecord], {
    description: 'Its record per prompt category, most verdicts first.',
  })
  categories!: ModelCategoryRecord[];
  @Field(() => AnswerStyle, { description: "This model's answers." })
  answerStyle!: AnswerStyle;
  @Field(() => AnswerStyle, {
    description:
      'The answers of every other model in the same verdicts: the field to compare with.',
  })
  fieldAnswerStyle!: AnswerStyle;
}
