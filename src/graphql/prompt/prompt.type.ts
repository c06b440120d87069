import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

@ObjectType({
  description: 'A user question, deduplicated by external id, else by its text.',
  simpleResolvers: true,
})
export class Prompt {
  @Field(() => ID, { description: "The prompt's id." }) id!: number;
  @Field(() => String, { nullable: true, description: "The source's id (`question_id`, `uid`)." })
  externalId!: string | null;
  @Field(() => String, {
    description: "The question's text; null when only an external id is known.",
    nullable: true,
  })
  text!: string | null;
  @Field(() => String, {
    description: "The prompt's category, e.g. `coding`; null when none was given.",
    nullable: true,
  })
  category!: string | null;
  @Field(() => [String], { description: 'Free-form tags, sorted.' }) tags!: string[];
  @Field(() => Date, { description: 'When the prompt was first stored.' }) createdAt!: Date;
}

@ObjectType({ description: 'A page of prompts (a Relay connection with opaque cursors).' })
export class PromptConnection extends ConnectionType(Prompt, 'Prompt') {}
