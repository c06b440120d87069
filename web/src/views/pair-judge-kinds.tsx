/**
 * Which judges two models' record pools: the judge-kind counts of the pair's slice (a
 * two-model leaderboard without intervals, asked for its `judgeKinds` only), shown as the
 * boards show theirs.
 */
import { PAIR_JUDGE_KINDS_QUERY } from '../api/documents';
import type { Catalog, JudgeKindCount } from '../api/types';
import { useQuery } from '../api/use-query';
import { JudgeKindsNote } from '../components/judge-kinds-note';
import type { Route } from '../state/location';
import { withoutNulls, type Slice, type VerdictFilterVariables } from '../state/slice';

export function PairJudgeKinds({
  filter,
  slice,
  catalog,
  route,
  version,
}: {
  /** The pair's filter: the slice's, restricted to the two models. */
  filter: VerdictFilterVariables;
  slice: Slice;
  catalog: Catalog | null;
  route: Route;
  version: number | null;
}) {
  const input = withoutNulls({ ...filter, bootstrapRounds: 0 });
  const { data } = useQuery<{ leaderboard: { judgeKinds: JudgeKindCount[] } }>(
    PAIR_JUDGE_KINDS_QUERY,
    { input },
    version,
  );
  if (data === null) return null;
  return (
    <JudgeKindsNote
      kinds={data.leaderboard.judgeKinds}
      slice={slice}
      catalog={catalog}
      route={route}
      subject="record"
    />
  );
}
