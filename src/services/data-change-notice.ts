/**
 * The PostgreSQL NOTIFY payload each write transaction sends with its data-version bump
 * (verdict-count-maintenance.ts), and its parsing on the listening side (data-changes.ts).
 *
 * A payload is JSON: `{"version":N,"part":i,"parts":n,"recorded":"4-9,12","appended":true}`, where
 * `recorded` lists the ids of the verdicts the transaction inserted as comma-separated runs, and
 * `appended` says those inserts were all it changed (DataChangeKind); a payload without it is a
 * rewrite, so a server that does not know the field never extends a cache by mistake. PostgreSQL
 * refuses payloads of 8,000 bytes or more (NOTIFY, "Parameters"), so a batch whose runs do not fit
 * in one payload is sent as several parts of one transaction, which arrive together at commit.
 */

export const DATA_CHANGE_CHANNEL = 'verdicts_data_changed';

/** Runs per part stay well under PostgreSQL's 8,000-byte payload limit. */
const MAX_RUNS_TEXT = 7000;

/**
 * What a write transaction did to the verdicts, as far as caches that extend themselves need to
 * know (style-verdicts-cache.ts). `appended`: it only inserted new verdicts (the recorded ids) and
 * left every stored verdict, prompt and answer link as it was. `rewritten`: anything else, or not
 * known (a correction, a deletion, a prompt's new category or tags, answers linked to stored
 * verdicts): every cache derived from stored verdicts must be dropped. The default is `rewritten`.
 */
export type DataChangeKind = 'appended' | 'rewritten';

export interface DataChangeNotice {
  version: number;
  part: number;
  parts: number;
  recordedVerdictIds: number[];
  kind: DataChangeKind;
}

/** The `recorded` text of each part, in order; one empty part when nothing was inserted. */
export function recordedIdParts(ids: readonly number[]): string[] {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let end = i;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end += 1;
    runs.push(end === i ? String(sorted[i]) : `${sorted[i]}-${sorted[end]}`);
    i = end + 1;
  }
  const parts: string[] = [];
  let current = '';
  for (const run of runs) {
    if (current.length > 0 && current.length + 1 + run.length > MAX_RUNS_TEXT) {
      parts.push(current);
      current = '';
    }
    current = current.length === 0 ? run : `${current},${run}`;
  }
  parts.push(current);
  return parts;
}

/** Null for a payload this version of the server did not write (it is ignored, not fatal). */
export function parseDataChangeNotice(payload: string): DataChangeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { version, part, parts, recorded, appended } = value as Record<string, unknown>;
  const counts = [version, part, parts].every((n) => Number.isSafeInteger(n));
  if (!counts || typeof recorded !== 'string') return null;
  const recordedVerdictIds = parseRuns(recorded);
  if (recordedVerdictIds === null) return null;
  return {
    version: version as number,
    part: part as number,
    parts: parts as number,
    recordedVerdictIds,
    kind: appended === true ? 'appended' : 'rewritten',
  };
}

function parseRuns(text: string): number[] | null {
  if (text === '') return [];
  const ids: number[] = [];
  for (const run of text.split(',')) {
    const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(run);
    if (!match) return null;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) return null;
    for (let id = first; id <= last; id += 1) ids.push(id);
  }
  return ids;
}
