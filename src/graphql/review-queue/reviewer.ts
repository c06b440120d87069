/**
 * Who is reviewing: the API key's name when keys are on (a reviewer cannot vote as another), or
 * the `reviewer` argument when they are off (VERDICTS_AUTH=off, a trusted private arena).
 */
import { LIMITS } from '../../domain/limits';
import type { Principal } from '../../services/api-keys';
import { reviewerJudgeName } from '../../services/review-votes';
import { badUserInput } from '../common/errors';
import { excerpt } from '../../domain/excerpt';

export const REVIEWER_DESCRIPTION =
  "Who reviews, when API keys are off; with keys on it is the key's name and may be omitted.";

export function reviewerOf(principal: Principal | null, given: string | null | undefined): string {
  if (principal) {
    if (given != null && given !== principal.name)
      throw badUserInput(
        `reviewer must be the name of the API key sent (${excerpt(principal.name)}), but got ${excerpt(given)}.`,
        'reviewer',
      );
    return principal.name;
  }
  const name = given?.trim() ?? '';
  const longest = LIMITS.nameLength - reviewerJudgeName('').length;
  if (name === '' || name.length > longest)
    throw badUserInput(
      `reviewer must be 1 to ${longest} characters while API keys are off, but got ${name === '' ? 'none' : name.length}.`,
      'reviewer',
    );
  return name;
}
