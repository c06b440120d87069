import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { JudgeKind, Outcome, Position } from '../common/enums';

@InputType({ description: 'The prompt a verdict is about: found by externalId, else by its exact text, or created.' })
export class PromptInput {
  @Field(() => String, { nullable: true }) externalId?: string;
  @Field(() => String, { nullable: true }) text?: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => [String], { nullable: true }) tags?: string[];
}

@InputType({ description: 'One verdict. Give outcome, or a judgment text holding a label like [[A>B]], or a preferenceA.' })
export class VerdictInput {
  @Field(() => String, { description: 'Judge name: an annotator id or an LLM judge (`gpt-4-1106-preview`).' }) judge!: string;
  @Field(() => JudgeKind, { nullable: true, description: 'Required the first time a judge is seen; LLM when never given.' }) judgeKind?: JudgeKind;
  @Field(() => String, { nullable: true, description: 'Version of the judge prompt or template.' }) judgeVersion?: string;
  @Field(() => String, { nullable: true, description: 'The model behind an LLM judge.' }) judgeModel?: string;
  @Field(() => PromptInput) prompt!: PromptInput;
  @Field(() => String) modelA!: string;
  @Field(() => String) modelB!: string;
  @Field(() => String, { nullable: true, description: 'Model A\'s answer text.' }) responseA?: string;
  @Field(() => String, { nullable: true, description: 'Model B\'s answer text.' }) responseB?: string;
  @Field(() => Int, { nullable: true, description: 'Token count of responseA, when the source knows it.' }) responseATokens?: number;
  @Field(() => Int, { nullable: true, description: 'Token count of responseB, when the source knows it.' }) responseBTokens?: number;
  @Field(() => Outcome, { nullable: true }) outcome?: Outcome;
  @Field(() => Float, { nullable: true, description: 'p(A better) in [0, 1], for judges that output probabilities.' }) preferenceA?: number;
  @Field(() => String, { nullable: true, description: 'The judge\'s raw text; the label is parsed from it when outcome is absent.' }) judgment?: string;
  @Field(() => Position, { nullable: true }) shownFirst?: Position;
  @Field(() => String, { nullable: true, description: 'Unique per judge: re-sending it stores nothing and answers DUPLICATE.' }) idempotencyKey?: string;
  @Field(() => Date, { nullable: true, description: 'When the judge decided; defaults to now.' }) createdAt?: Date;
  @Field(() => ID, { nullable: true, description: 'A stored verdict this one corrects: that one stays stored but leaves the rankings.' }) supersedes?: string;
}

@InputType()
export class RecordVerdictsInput {
  @Field(() => [VerdictInput], { description: 'At most 5,000 verdicts, stored in one transaction.' }) verdicts!: VerdictInput[];
}
