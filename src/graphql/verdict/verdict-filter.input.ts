import { Field, ID, InputType } from 'type-graphql';
import type { VerdictFilter } from '../../services/verdict-filter';
import { JudgeKind } from '../common/enums';
import { badUserInput } from '../common/errors';
import { ModelResultInput } from './model-result.input';

@InputType({ description: 'Which verdicts a query looks at; every condition given must hold.' })
export class VerdictFilterInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Judge names (all versions), or `name@version`.',
  })
  judges?: string[];
  @Field(() => [JudgeKind], { description: 'Judges of any of these kinds.', nullable: true })
  judgeKinds?: JudgeKind[];
  @Field(() => [String], { nullable: true, description: 'Prompt categories.' })
  categories?: string[];
  @Field(() => [String], { nullable: true, description: 'Prompts carrying any of these tags.' })
  tags?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Only verdicts between two of these models.',
  })
  models?: string[];
  @Field(() => String, {
    nullable: true,
    description: 'Only verdicts in which this model took part.',
  })
  model?: string;
  @Field(() => Date, { nullable: true, description: 'Decided at or after this time.' })
  since?: Date;
  @Field(() => Date, { nullable: true, description: 'Decided before this time.' }) until?: Date;
  @Field(() => String, {
    nullable: true,
    description: 'Only verdicts from this source: `api` or `import:<file name>`.',
  })
  provenance?: string;
  @Field(() => [ID], { nullable: true, description: 'Only these verdicts.' }) ids?: string[];
  @Field(() => [ID], {
    nullable: true,
    description: 'Only verdicts on these prompts (Prompt ids).',
  })
  prompts?: string[];
  @Field(() => Boolean, {
    nullable: true,
    description: 'Also superseded verdicts (left out by default).',
  })
  includeSuperseded?: boolean;
  @Field(() => ModelResultInput, {
    nullable: true,
    description: 'Only verdicts this model won, lost or tied (e.g. one side of a head-to-head).',
  })
  resultFor?: ModelResultInput;
}

/** The service's filter: ids as numbers, checked. */
export function toVerdictFilter(input: VerdictFilterInput | null | undefined): VerdictFilter {
  if (!input) return {};
  const { ids, prompts, ...rest } = input;
  return {
    ...rest,
    ids: ids?.map((id, i) => verdictId(id, `filter.ids[${i}]`)),
    promptIds: prompts?.map((id, i) => verdictId(id, `filter.prompts[${i}]`)),
  };
}

/** A verdict (or prompt) id as the API writes it: digits, few enough to be a safe integer. */
export const VERDICT_ID = /^\d{1,15}$/;

export function verdictId(id: string, field: string): number {
  if (!VERDICT_ID.test(id))
    throw badUserInput(`${field} must be an id (digits), but got another form.`, field);
  return Number(id);
}
