import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

@ObjectType({
  description: "One model's answer to one prompt, with the style counts style control uses.",
  simpleResolvers: true,
})
export class Response {
  @Field(() => ID, { description: "The answer's id." }) id!: number;
  promptId!: number;
  modelId!: number;
  @Field(() => String, { description: "The answer's text." }) text!: string;
  @Field(() => Int, {
    description: 'As reported by the source, else estimated (see tokenLengthEstimated).',
  })
  tokenLength!: number;
  @Field(() => Boolean, {
    description:
      "True when tokenLength is an estimate (words and punctuation), not the source's count.",
  })
  tokenLengthEstimated!: boolean;
  @Field(() => Int, { description: 'Length of the text in UTF-16 code units.' })
  charLength!: number;
  @Field(() => Int, { description: 'Markdown headers, outside fenced code.' }) headerCount!: number;
  @Field(() => Int, { description: 'Markdown list items, outside fenced code.' })
  listItemCount!: number;
  @Field(() => Int, { description: 'Bold spans, outside fenced code.' }) boldCount!: number;
  @Field(() => Date, { description: 'When the answer was first stored.' }) createdAt!: Date;
}

@ObjectType({ description: 'A page of answers (a Relay connection with opaque cursors).' })
export class ResponseConnection extends ConnectionType(Response, 'Response') {}
