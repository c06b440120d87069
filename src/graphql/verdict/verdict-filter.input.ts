import { Field, InputType } from 'type-graphql';
import { JudgeKind } from '../common/enums';

@InputType({ description: 'Which verdicts a query looks at; every condition given must hold.' })
export class VerdictFilterInput {
  @Field(() => [String], { nullable: true, description: 'Judge names (all versions), or `name@version`.' }) judges?: string[];
  @Field(() => [JudgeKind], { nullable: true }) judgeKinds?: JudgeKind[];
  @Field(() => [String], { nullable: true, description: 'Prompt categories.' }) categories?: string[];
  @Field(() => [String], { nullable: true, description: 'Prompts carrying any of these tags.' }) tags?: string[];
  @Field(() => [String], { nullable: true, description: 'Only verdicts between two of these models.' }) models?: string[];
  @Field(() => String, { nullable: true, description: 'Only verdicts in which this model took part.' }) model?: string;
  @Field(() => Date, { nullable: true, description: 'Decided at or after this time.' }) since?: Date;
  @Field(() => Date, { nullable: true, description: 'Decided before this time.' }) until?: Date;
}
