import { Field, Float, Int, ObjectType } from 'type-graphql';
import { RankingMethod } from '../common/enums';
import { Model } from '../model/model.type';

@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 + the number of models rated higher.' }) rank!: number;
  @Field(() => Model) model!: Model;
  @Field(() => Float, { description: 'On the Elo scale (400 points = 10:1 odds).' }) rating!: number;
  @Field(() => Int) wins!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int) battles!: number;
}

@ObjectType()
export class Leaderboard {
  @Field(() => RankingMethod) method!: RankingMethod;
  @Field(() => Int, { description: 'Verdicts in the slice.' }) verdictCount!: number;
  @Field(() => Int) modelCount!: number;
  @Field(() => Boolean, { description: 'False when no finite Bradley–Terry estimate exists (see problem).' }) mleExists!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the estimate is not finite, naming the models concerned.' }) problem!: string | null;
  @Field(() => [LeaderboardEntry], { description: 'Best first.' }) entries!: LeaderboardEntry[];
}
