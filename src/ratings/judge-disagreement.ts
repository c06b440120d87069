import { majorityPreference } from './majority';
import { flipPreference, type Preference } from './preference';

/** One verdict as the disagreement finder needs it: where it was cast and what it preferred. */
export interface JudgedVerdict {
  id: number;
  promptId: number;
  modelAId: number;
  modelBId: number;
  /** In the verdict's own orientation (its model A against its model B). */
  preference: Preference;
}

/** Two judges' majorities on one prompt and pair, each with a verdict that voted for it. */
export interface Disagreement {
  /** A verdict of the first judge voting with its majority; its orientation is the one below. */
  verdictA: JudgedVerdict;
  /** A verdict of the second judge voting with its majority. */
  verdictB: JudgedVerdict;
  /** The first judge's majority, seen from verdictA's model A. */
  preferenceA: Preference;
  /** The second judge's majority, seen from verdictA's model A too. */
  preferenceB: Preference;
  votesA: number;
  votesB: number;
}

interface Side {
  /** Preferences seen from the lower model id. */
  votes: Preference[];
  verdicts: JudgedVerdict[];
}

function fromLowerModel(verdict: JudgedVerdict): Preference {
  return verdict.modelAId > verdict.modelBId
    ? flipPreference(verdict.preference)
    : verdict.preference;
}

function sidesByPair(verdicts: Iterable<JudgedVerdict>): Map<string, Side> {
  const sides = new Map<string, Side>();
  for (const verdict of verdicts) {
    const low = Math.min(verdict.modelAId, verdict.modelBId);
    const high = Math.max(verdict.modelAId, verdict.modelBId);
    const key = `${verdict.promptId}:${low}:${high}`;
    const side = sides.get(key) ?? { votes: [], verdicts: [] };
    side.votes.push(fromLowerModel(verdict));
    side.verdicts.push(verdict);
    sides.set(key, side);
  }
  return sides;
}

/**
 * The lowest-id verdict that voted with the majority, the same one on every call; a split crowd's
 * TIE may have no such voter, and then the lowest-id verdict stands for it.
 */
function voterFor(side: Side, majority: Preference): JudgedVerdict {
  const voters = side.verdicts.filter((verdict) => fromLowerModel(verdict) === majority);
  const pool = voters.length > 0 ? voters : side.verdicts;
  return pool.reduce((first, verdict) => (verdict.id < first.id ? verdict : first));
}

/**
 * The (prompt, unordered pair) both judges decided where their majorities differ, on the same
 * three-way scale as judgeAgreement (a strong and a plain win agree; a tie and BOTH_BAD agree),
 * so the list holds exactly the pairs that agreement counts as disagreeing when each judge is
 * reduced to its majority (MT-Bench's agreement analysis, FastChat compute_agreement.py).
 * Ordered by verdictA's id, which a keyset page can resume from.
 */
export function judgeDisagreements(
  first: Iterable<JudgedVerdict>,
  second: Iterable<JudgedVerdict>,
): Disagreement[] {
  const sidesA = sidesByPair(first);
  const sidesB = sidesByPair(second);
  const found: Disagreement[] = [];
  for (const [key, sideA] of sidesA) {
    const sideB = sidesB.get(key);
    if (sideB === undefined) continue;
    const majorityA = majorityPreference(sideA.votes);
    const majorityB = majorityPreference(sideB.votes);
    if (majorityA === null || majorityB === null || majorityA === majorityB) continue;
    const verdictA = voterFor(sideA, majorityA);
    const orient = (preference: Preference) =>
      verdictA.modelAId > verdictA.modelBId ? flipPreference(preference) : preference;
    found.push({
      verdictA,
      verdictB: voterFor(sideB, majorityB),
      preferenceA: orient(majorityA),
      preferenceB: orient(majorityB),
      votesA: sideA.votes.length,
      votesB: sideB.votes.length,
    });
  }
  return found.sort((x, y) => x.verdictA.id - y.verdictA.id);
}
