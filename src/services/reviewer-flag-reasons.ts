/** The sentence that says what a reviewer screen decided and on which counts. */
import type { ReviewerScreen, ScreenResult, SequentialTestOptions } from '../ratings';

const WHAT: Record<
  ReviewerScreen,
  { counted: string; of: string; alternative: string; honest: string }
> = {
  AGREEMENT: {
    counted: "disagreed with the other reviewers' majority",
    of: 'votes compared with a majority',
    alternative: 'random voting',
    honest: 'honest voting',
  },
  POSITION: {
    counted: 'picked the answer shown first',
    of: 'decisive votes whose order is known',
    alternative: 'always picking the answer shown first',
    honest: 'an ordinary preference for the first answer',
  },
};

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function reviewerFlagReasons(screen: ScreenResult, options: SequentialTestOptions): string {
  const what = WHAT[screen.screen];
  if (screen.observations === 0) return `no ${what.of} yet, so this screen has nothing to read`;
  const counts = `${what.counted} on ${screen.successes} of ${screen.observations} ${what.of} (${percent(screen.successes / screen.observations)})`;
  const rates = `${percent(options.alternativeRate)} for ${what.alternative} against ${percent(options.nullRate)} for ${what.honest}`;
  if (screen.decision === 'ALTERNATIVE')
    return `flagged after ${screen.votesRead} votes: ${counts}; Wald's sequential test (${rates}, false-flag rate ${percent(options.falseAlarmRate)}) decided for ${what.alternative}`;
  if (screen.decision === 'NULL')
    return `cleared after ${screen.votesRead} votes: ${counts}; Wald's sequential test (${rates}) decided for ${what.honest}`;
  return `undecided: ${counts}; Wald's sequential test (${rates}) needs more votes to decide`;
}
