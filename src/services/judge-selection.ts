/**
 * How judge-quality queries name a judge: a judge name (every version), `name@version`, `HUMAN`
 * (every human verdict pooled: a crowd of annotators is many judges of kind HUMAN), or
 * `HUMAN_MAJORITY` (the per-pair majority of all human verdicts).
 */
import type { VerdictFilter } from './verdict-filter';

export const HUMAN = 'HUMAN';
export const HUMAN_MAJORITY = 'HUMAN_MAJORITY';

export interface JudgeSelection {
  label: string;
  filter: VerdictFilter;
  /** True for HUMAN_MAJORITY; per-pair comparisons reduce every selection to its majority anyway. */
  majority: boolean;
}

export function selectJudge(name: string, slice: VerdictFilter): JudgeSelection {
  if (name === HUMAN || name === HUMAN_MAJORITY) {
    return {
      label: name,
      filter: { ...slice, judges: null, judgeKinds: ['HUMAN'] },
      majority: name === HUMAN_MAJORITY,
    };
  }
  return { label: name, filter: { ...slice, judges: [name] }, majority: false };
}
