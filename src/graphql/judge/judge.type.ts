import { Field, ID, ObjectType } from 'type-graphql';
import { JudgeKind } from '../common/enums';

@ObjectType({ description: 'Who decides: a person (annotator) or an LLM with the version of its judge prompt.' })
export class Judge {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Judge-prompt / template version; empty when the source did not say.' }) version!: string;
  @Field(() => JudgeKind) kind!: JudgeKind;
  @Field(() => String, { nullable: true, description: 'The model behind an LLM judge, when known.' }) model!: string | null;
  @Field(() => Date) createdAt!: Date;
}
