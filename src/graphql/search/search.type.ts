import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { Verdict } from '../verdict/verdict.type';

@ObjectType({
  description: 'A run of a snippet; `matched` runs are the words the query found.',
  simpleResolvers: true,
})
export class SnippetPart {
  @Field(() => String, { description: 'The text of this run.' }) text!: string;
  @Field(() => Boolean, { description: 'True when the query matched these words.' })
  matched!: boolean;
}

@ObjectType({ description: 'An answer to the prompt that the query matched, with a snippet.' })
export class AnswerMatch {
  responseId!: number;
  @Field(() => [SnippetPart], {
    description: 'The passages of the answer around the matched words.',
    simple: true,
  })
  snippet!: SnippetPart[];
}

@ObjectType({ description: "A prompt's battles: the first few and how many there are." })
export class PromptBattles {
  @Field(() => Int, { description: 'Every current verdict on the prompt.' }) totalCount!: number;
  @Field(() => [Verdict], { description: 'The oldest verdicts first, at most `first`.' })
  verdicts!: Verdict[];
}

@ObjectType({ description: 'A prompt that matched a search, in its text or in an answer.' })
export class PromptSearchHit {
  /** The query searched for, which the snippets need. */
  query!: string;
  promptId!: number;
  @Field(() => Float, {
    description:
      "Relevance: the best `ts_rank` of the prompt's text and its answers; hits come best first.",
  })
  rank!: number;
}

@ObjectType({ description: 'A page of search hits (a Relay connection with opaque cursors).' })
export class PromptSearchConnection extends ConnectionType(PromptSearchHit, 'PromptSearchHit') {}
