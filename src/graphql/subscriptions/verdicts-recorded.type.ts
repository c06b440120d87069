import { Field, Int, ObjectType } from 'type-graphql';
import { Verdict } from '../verdict/verdict.type';

@ObjectType({
  description: "The verdicts one committed batch added that match the subscription's filter.",
})
export class VerdictsRecordedEvent {
  @Field(() => [Verdict], {
    description: 'The new verdicts, in id order; empty only when missedBatches is true.',
  })
  verdicts!: Verdict[];
  @Field(() => Int, {
    description: 'The data version the batch committed (it rises by one per write transaction).',
  })
  dataVersion!: number;
  @Field(() => Boolean, {
    description:
      'True when this server lost its database connection and batches committed meanwhile are not listed: query `verdicts` to catch up.',
  })
  missedBatches!: boolean;
}
