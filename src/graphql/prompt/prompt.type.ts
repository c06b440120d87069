import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

@ObjectType({ description: 'A user question, deduplicated by external id, else by its text.' })
export class Prompt {
  @Field(() => ID) id!: number;
  @Field(() => String, { nullable: true, description: 'The source\'s id (`question_id`, `uid`).' }) externalId!: string | null;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class PromptConnection extends ConnectionType(Prompt, 'Prompt') {}
