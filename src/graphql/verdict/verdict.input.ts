import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { JudgeKind, Outcome, Position } from '../common/enums';

// Fields are `declare`d: type-graphql builds each input object with `new PromptInput()` and then
// deletes the fields the request left out, which turns defined-but-empty fields into slow
// dictionary-mode objects (5,000 per batch); declared fields are never defined.
@InputType({
  description:
    'The prompt a verdict is about: found by externalId, else by its exact text, or created.',
})
export class PromptInput {
  @Field(() => String, {
    description: "The source's id (`question_id`, `uid`): the prompt is found by it first.",
    nullable: true,
  })
  declare externalId?: string;
  @Field(() => String, {
    description: "The question's text: found by exact text when there is no externalId.",
    nullable: true,
  })
  declare text?: string;
  @Field(() => String, { description: 'Category, e.g. `coding`.', nullable: true })
  declare category?: string;
  @Field(() => [String], {
    description: 'Free-form tags; at most 32, each at most 128 characters.',
    nullable: true,
  })
  declare tags?: string[];
}

@InputType({
  description:
    'One verdict. Give outcome, or a judgment text holding a label like [[A>B]], or a preferenceA.',
})
export class VerdictInput {
  @Field(() => String, {
    description: 'Judge name: an annotator id or an LLM judge (`gpt-4-1106-preview`).',
  })
  declare judge: string;
  @Field(() => JudgeKind, {
    nullable: true,
    description: 'Required the first time a judge is seen; LLM when never given.',
  })
  declare judgeKind?: JudgeKind;
  @Field(() => String, { nullable: true, description: 'Version of the judge prompt or template.' })
  declare judgeVersion?: string;
  @Field(() => String, { nullable: true, description: 'The model behind an LLM judge.' })
  declare judgeModel?: string;
  @Field(() => PromptInput, { description: 'The prompt judged.' }) declare prompt: PromptInput;
  @Field(() => String, { description: 'Name of the model whose answer is A (created if new).' })
  declare modelA: string;
  @Field(() => String, {
    description: 'Name of the model whose answer is B (created if new); must differ from modelA.',
  })
  declare modelB: string;
  @Field(() => String, { nullable: true, description: "Model A's answer text." })
  declare responseA?: string;
  @Field(() => String, { nullable: true, description: "Model B's answer text." })
  declare responseB?: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Token count of responseA, when the source knows it.',
  })
  declare responseATokens?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Token count of responseB, when the source knows it.',
  })
  declare responseBTokens?: number;
  @Field(() => Outcome, {
    description: 'The label; may be left out when judgment holds one or preferenceA is given.',
    nullable: true,
  })
  declare outcome?: Outcome;
  @Field(() => Float, {
    nullable: true,
    description: 'p(A better) in [0, 1], for judges that output probabilities.',
  })
  declare preferenceA?: number;
  @Field(() => String, {
    nullable: true,
    description: "The judge's raw text; the label is parsed from it when outcome is absent.",
  })
  declare judgment?: string;
  @Field(() => Position, {
    description:
      'Which answer the judge saw first, when known (position bias and swap pairs need it).',
    nullable: true,
  })
  declare shownFirst?: Position;
  @Field(() => String, {
    nullable: true,
    description: 'Unique per judge: re-sending it stores nothing and answers DUPLICATE.',
  })
  declare idempotencyKey?: string;
  @Field(() => Date, { nullable: true, description: 'When the judge decided; defaults to now.' })
  declare createdAt?: Date;
  @Field(() => ID, {
    nullable: true,
    description:
      'A stored verdict this one corrects: that one stays stored but leaves the rankings.',
  })
  declare supersedes?: string;
}

@InputType({ description: 'A batch of verdicts to store in one transaction.' })
export class RecordVerdictsInput {
  @Field(() => [VerdictInput], {
    description: 'At most 5,000 verdicts, stored in one transaction.',
  })
  declare verdicts: VerdictInput[];
}
