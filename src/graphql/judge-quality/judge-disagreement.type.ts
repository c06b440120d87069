import { Field, Int, ObjectType } from 'type-graphql';
import type { Preference } from '../../ratings';
import { ConnectionType } from '../common/connection';
import { PreferenceName } from '../common/enums';

@ObjectType({
  description:
    "A prompt and pair of models both judges decided, where their majorities differ; the models are verdictA's model A and model B.",
  simpleResolvers: true,
})
export class JudgeDisagreement {
  id!: number;
  verdictAId!: number;
  verdictBId!: number;
  promptId!: number;
  @Field(() => PreferenceName, {
    description: "The majority of judgeA, from verdictA's model A side.",
  })
  preferenceA!: Preference;
  @Field(() => PreferenceName, {
    description: "The majority of judgeB, from verdictA's model A side too.",
  })
  preferenceB!: Preference;
  @Field(() => Int, { description: 'Verdicts judgeA gave on this prompt and pair.' })
  votesA!: number;
  @Field(() => Int, { description: 'Verdicts judgeB gave on this prompt and pair.' })
  votesB!: number;
}

@ObjectType({ description: 'A page of disagreements, ordered by verdictA.' })
export class JudgeDisagreementConnection extends ConnectionType(
  JudgeDisagreement,
  'JudgeDisagreement',
) {}
