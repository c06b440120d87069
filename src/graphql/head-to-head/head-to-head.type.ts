import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { VerdictFilter } from '../../services/verdict-filter';
import { Outcome } from '../common/enums';

@ObjectType({ description: 'How many verdicts carry one outcome label.' })
export class OutcomeCount {
  @Field(() => Outcome, { description: 'A is the first model named in headToHead.' })
  outcome!: Outcome;
  @Field(() => Int, { description: 'Verdicts with this outcome.' }) count!: number;
}

@ObjectType({ description: "Two models' record against each other; A is the first model named." })
export class HeadToHead {
  modelAId!: number;
  modelBId!: number;
  filter!: VerdictFilter;
  @Field(() => Int, { description: 'Verdicts between the two models, either way round.' })
  verdictCount!: number;
  @Field(() => [OutcomeCount], {
    description: "Every outcome label, from A's side, with its count.",
  })
  outcomes!: OutcomeCount[];
  @Field(() => Int, { description: 'Verdicts model A won (ties are counted apart).' })
  wins!: number;
  @Field(() => Int, { description: 'Verdicts model B won.' }) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Float, {
    nullable: true,
    description: '100·wins/(wins + losses); null when every verdict was a tie.',
  })
  empiricalWinRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      '100·P(A ≻ B) from the Bradley–Terry fit of the whole slice; null when either model is rated apart there (no finite estimate, see Leaderboard.ratedApart).',
  })
  predictedWinRate!: number | null;
}
