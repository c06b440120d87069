import { Field, Float, InputType } from 'type-graphql';
import { JudgeKind, RankingMethod } from '../common/enums';

@InputType({ description: 'Which ranking, over which slice of verdicts. Every filter given must hold.' })
export class LeaderboardInput {
  @Field(() => RankingMethod, { nullable: true, defaultValue: RankingMethod.BRADLEY_TERRY }) method!: RankingMethod;
  @Field(() => [String], { nullable: true, description: 'Judge names (all versions), or `name@version`.' }) judges?: string[];
  @Field(() => [JudgeKind], { nullable: true }) judgeKinds?: JudgeKind[];
  @Field(() => [String], { nullable: true }) categories?: string[];
  @Field(() => [String], { nullable: true, description: 'Prompts carrying any of these tags.' }) tags?: string[];
  @Field(() => [String], { nullable: true, description: 'Rank only these models, on their verdicts against each other.' }) models?: string[];
  @Field(() => Date, { nullable: true }) since?: Date;
  @Field(() => Date, { nullable: true }) until?: Date;
  @Field(() => Float, { nullable: true, description: 'Weight of a `>>` verdict; 1 by default, 3 reproduces Arena-Hard v0.1.' })
  strongVerdictWeight?: number;
}
