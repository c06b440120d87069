import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

@ObjectType({ description: 'One model\'s answer to one prompt, with the style counts style control uses.' })
export class Response {
  @Field(() => ID) id!: number;
  promptId!: number;
  modelId!: number;
  @Field(() => String) text!: string;
  @Field(() => Int, { description: 'As reported by the source, else estimated (see tokenLengthEstimated).' }) tokenLength!: number;
  @Field(() => Boolean) tokenLengthEstimated!: boolean;
  @Field(() => Int) charLength!: number;
  @Field(() => Int, { description: 'Markdown headers, outside fenced code.' }) headerCount!: number;
  @Field(() => Int, { description: 'Markdown list items, outside fenced code.' }) listItemCount!: number;
  @Field(() => Int, { description: 'Bold spans, outside fenced code.' }) boldCount!: number;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class ResponseConnection extends ConnectionType(Response, 'Response') {}
