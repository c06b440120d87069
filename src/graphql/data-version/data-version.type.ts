import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'How fresh the data are: poll it to learn when a leaderboard is stale.',
})
export class DataVersion {
  @Field(() => Int, {
    description:
      'Bumped by every write that changes what the rankings count; equal versions mean equal data.',
  })
  version!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the most recently stored verdict was recorded; null when there are none.',
  })
  lastRecordedAt!: Date | null;
}
