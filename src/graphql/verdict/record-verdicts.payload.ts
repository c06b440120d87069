import { Field, Int, ObjectType } from 'type-graphql';
import { ItemStatus } from '../common/enums';

@ObjectType({ description: 'A problem with one item of a batch.' })
export class UserError {
  @Field(() => String, {
    description: 'Stable machine-readable code, e.g. REQUIRED, SELF_COMPARISON.',
  })
  code!: string;
  @Field(() => String, { description: 'The input field at fault, e.g. `modelB` or `prompt.text`.' })
  field!: string;
  @Field(() => String, { description: 'What was expected and what was received.' })
  message!: string;
}

@ObjectType({ description: 'What happened to one item of a batch.' })
export class VerdictResult {
  @Field(() => Int, { description: 'Position of the item in the input list.' }) index!: number;
  @Field(() => ItemStatus, {
    description: 'Whether the item was stored, already there, or refused.',
  })
  status!: ItemStatus;
  verdictId!: number | null;
  @Field(() => [UserError], {
    description: 'What was wrong with a REJECTED item; empty otherwise.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'What happened to each item of a batch, in input order, with totals.' })
export class RecordVerdictsPayload {
  @Field(() => Int, { description: 'Items stored now.' }) accepted!: number;
  @Field(() => Int, {
    description:
      'Items already stored earlier (same judge and idempotency key); nothing was written for them.',
  })
  duplicates!: number;
  @Field(() => Int, { description: 'Items refused; their results carry userErrors.' })
  rejected!: number;
  @Field(() => Int, {
    description:
      "Verdicts of this batch stored without an answer on a side (no answer text given) because that model has several stored answers to the prompt, so which one was judged is unknown. A side without text is otherwise linked to the model's one stored answer.",
  })
  ambiguousAnswers!: number;
  @Field(() => [VerdictResult], { description: 'One result per input item, in input order.' })
  results!: VerdictResult[];
}

@ObjectType({ description: 'How many verdicts a delete removed.' })
export class DeleteVerdictsPayload {
  @Field(() => Int, { description: 'Verdicts deleted.' }) deleted!: number;
}
