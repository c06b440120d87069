import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import type { OutcomeLabel } from '../../domain/outcome-labels';
import type { PositionName } from '../../domain/verdict-record';
import { Outcome, Position } from '../common/enums';

@ObjectType({
  description: "A judge's outcome on one pair of answers to one prompt.",
  simpleResolvers: true,
})
export class Verdict {
  @Field(() => ID, { description: "The verdict's id." }) id!: number;
  judgeId!: number;
  promptId!: number;
  modelAId!: number;
  modelBId!: number;
  responseAId!: number | null;
  responseBId!: number | null;
  @Field(() => Outcome, { description: 'The label as the judge gave it.' }) outcome!: OutcomeLabel;
  @Field(() => Float, {
    nullable: true,
    description:
      "Probability that A is better (0 to 1), for judges that output one; when set, it is the verdict's score.",
  })
  preferenceA!: number | null;
  @Field(() => Position, {
    nullable: true,
    description: 'Which answer the judge saw first, when known.',
  })
  shownFirst!: PositionName | null;
  @Field(() => String, { nullable: true, description: "The judge's raw judgment text." })
  judgment!: string | null;
  @Field(() => String, {
    description: "The client's key that makes a retry store nothing new; null when none was given.",
    nullable: true,
  })
  idempotencyKey!: string | null;
  @Field(() => String, { description: 'Where it came from: `api` or `import:<file>`.' })
  provenance!: string;
  @Field(() => Date, {
    description: 'When the judge decided (given by the client, else when it was stored).',
  })
  createdAt!: Date;
  @Field(() => Date, { description: 'When Verdicts stored it.' }) recordedAt!: Date;
  @Field(() => ID, {
    nullable: true,
    description:
      'The verdict that corrected this one; a superseded verdict is left out of rankings.',
  })
  supersededBy!: number | null;
}

@ObjectType({ description: 'A page of verdicts (a Relay connection with opaque cursors).' })
export class VerdictConnection extends ConnectionType(Verdict, 'Verdict') {}
