import { Field, ObjectType } from 'type-graphql';
import { Position } from '../common/enums';
import { SuggestionKind } from './next-comparisons.enums';

@ObjectType({
  description:
    'One comparison to do next: two models, a prompt, their stored answers where there are any, and the order to show them in.',
})
export class SuggestedComparison {
  modelAId!: number;
  modelBId!: number;
  promptId!: number | null;
  responseAId!: number | null;
  responseBId!: number | null;
  @Field(() => Position, {
    description: 'Whose answer to show first (a seeded coin flip), against position bias.',
  })
  shownFirst!: Position;
  @Field(() => SuggestionKind, { description: 'Why this pair: the rule that chose it.' })
  kind!: SuggestionKind;
  @Field(() => String, { description: 'Why this pair and this prompt, in a sentence.' })
  reason!: string;
}
