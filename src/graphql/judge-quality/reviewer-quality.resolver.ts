import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { reviewerQuality } from '../../services/reviewer-quality';
import type { Context } from '../context';
import { toVerdictFilter, VerdictFilterInput } from '../verdict/verdict-filter.input';
import { ReviewerQualityReport } from './reviewer-quality.type';

@Resolver()
export class ReviewerQualityResolver {
  @Query(() => ReviewerQualityReport, {
    description:
      "Per human reviewer: agreement with the others' majority, position bias, time per vote, gold accuracy and the screens that flag random or always-first voting; and Krippendorff's alpha.",
  })
  async reviewerQuality(
    @Ctx() { db }: Context,
    @Arg('filter', () => VerdictFilterInput, {
      description: 'Only these verdicts (their human ones); default all.',
      nullable: true,
    })
    filter?: VerdictFilterInput,
    @Arg('reviewers', () => [String], {
      description:
        "Only these reviewers (human judge names); the majority still counts everyone's votes.",
      nullable: true,
    })
    reviewers?: string[] | null,
    @Arg('confidenceLevel', () => Float, {
      description: 'Coverage of the intervals; default 0.95.',
      nullable: true,
      defaultValue: 0.95,
    })
    confidenceLevel?: number,
    @Arg('minimumReviewers', () => Int, {
      description:
        'Items need votes from this many different reviewers to count in alpha; default 3.',
      nullable: true,
      defaultValue: 3,
    })
    minimumReviewers?: number,
  ): Promise<ReviewerQualityReport> {
    return (await reviewerQuality(db, {
      slice: toVerdictFilter(filter),
      reviewers,
      confidenceLevel: confidenceLevel ?? 0.95,
      minimumReviewers: minimumReviewers ?? 3,
    })) as ReviewerQualityReport;
  }
}
