import { Field, ID, ObjectType } from 'type-graphql';
import { JudgeKind } from '../common/enums';

@ObjectType({
  description: 'Who decides: a person (annotator) or an LLM with the version of its judge prompt.',
  simpleResolvers: true,
})
export class Judge {
  @Field(() => ID, { description: "The judge version's id." }) id!: number;
  @Field(() => String, { description: "The judge's name: an annotator id or an LLM name." })
  name!: string;
  @Field(() => String, {
    description: 'Judge-prompt / template version; empty when the source did not say.',
  })
  version!: string;
  @Field(() => JudgeKind, { description: 'HUMAN or LLM; null when the source did not say.' })
  kind!: JudgeKind;
  @Field(() => String, {
    nullable: true,
    description: 'The model behind an LLM judge, when known.',
  })
  model!: string | null;
  @Field(() => Date, { description: 'When the judge was first seen.' }) createdAt!: Date;
}
