import { Field, Int, ObjectType } from 'type-graphql';
import { ItemStatus } from '../common/enums';

@ObjectType({ description: 'A problem with one item of a batch.' })
export class UserError {
  @Field(() => String, { description: 'Stable machine-readable code, e.g. REQUIRED, SELF_COMPARISON.' }) code!: string;
  @Field(() => String, { description: 'The input field at fault, e.g. `modelB` or `prompt.text`.' }) field!: string;
  @Field(() => String, { description: 'What was expected and what was received.' }) message!: string;
}

@ObjectType()
export class VerdictResult {
  @Field(() => Int, { description: 'Position of the item in the input list.' }) index!: number;
  @Field(() => ItemStatus) status!: ItemStatus;
  verdictId!: number | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class RecordVerdictsPayload {
  @Field(() => Int) accepted!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [VerdictResult], { description: 'One result per input item, in input order.' }) results!: VerdictResult[];
}

@ObjectType()
export class DeleteVerdictsPayload {
  @Field(() => Int, { description: 'Verdicts deleted.' }) deleted!: number;
}
