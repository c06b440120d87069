/**
 * The verdicts of a slice whose two answers are both stored, read for style control into typed
 * arrays: one row per verdict (battles in an arena each have their own answers, so grouping by
 * answer saves nothing), in verdict id order so the bootstrap's draws depend on the data alone.
 *
 * As in verdict-stream.ts, the database packs the rows into one string
 * `id,a,b,o,p,tA,hA,lA,bA,tB,hB,lB,bB;…` (o the outcome's index in OUTCOME_LABELS, p empty when
 * there is no soft preference), so a million verdicts cross the wire as one ~45 MB text value and
 * are scanned once, never becoming a million row objects.
 *
 * The verdict ids are kept, so that a cached slice can take in the verdicts appended after it was
 * read (`withAppended`) and stay in id order: the same rows as a read from scratch.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { StyleRowsBuilder, type StyleRows } from '../ratings';
import { OUTCOME_LABELS } from '../domain/outcome-labels';
import { isStrong, scoreOfA } from '../ratings/outcomes';
import type { ModelIndex } from './leaderboard-slice';
import type { CountedOutcome } from './verdict-counts';
import { verdictFilterCondition, type VerdictFilter } from './verdict-filter';

const OUTCOME_INDEX = sql.raw(
  `CASE v.outcome ${OUTCOME_LABELS.map((label, i) => `WHEN '${label}' THEN '${i}'`).join(' ')} END`,
);
const FEATURES = 4;
const COMMA = 44;
const SEMICOLON = 59;
const ZERO = 48;

/** The slice's style-controllable verdicts: database model ids, outcome codes and raw style counts. */
export class StyleVerdicts {
  constructor(
    readonly size: number,
    /** Ascending. */
    private readonly ids: Float64Array,
    private readonly modelAIds: Int32Array,
    private readonly modelBIds: Int32Array,
    private readonly outcomes: Uint8Array,
    /** NaN where the verdict has no soft preference. */
    private readonly preferences: Float64Array,
    /** size × 8: A's token length, headers, list items, bold spans, then B's. */
    private readonly styles: Int32Array,
    /** Every verdict of the slice, with or without both answers' style counts. */
    readonly verdictsInSlice: number,
  ) {}

  /** Bytes held, for caches that charge by size. */
  get byteLength(): number {
    return this.size * BYTES_PER_ROW;
  }

  /** Every verdict id, ascending (a copy). */
  verdictIds(): number[] {
    return Array.from(this.ids);
  }

  /**
   * These rows and `appended`'s merged in id order; an id present in both (a verdict committed
   * while this slice was being read, heard of afterwards) is kept once. `this` is unchanged.
   */
  withAppended(appended: StyleVerdicts): StyleVerdicts {
    if (appended.size === 0) return this;
    const capacity = this.size + appended.size;
    const merged = emptyColumns(capacity);
    let size = 0;
    const take = (from: StyleVerdicts, row: number) => {
      merged.ids[size] = from.ids[row];
      merged.modelAIds[size] = from.modelAIds[row];
      merged.modelBIds[size] = from.modelBIds[row];
      merged.outcomes[size] = from.outcomes[row];
      merged.preferences[size] = from.preferences[row];
      merged.styles.set(
        from.styles.subarray(row * 2 * FEATURES, (row + 1) * 2 * FEATURES),
        size * 2 * FEATURES,
      );
      size += 1;
    };
    let mine = 0;
    let theirs = 0;
    let duplicates = 0;
    while (mine < this.size || theirs < appended.size) {
      const myId = mine < this.size ? this.ids[mine] : Infinity;
      const theirId = theirs < appended.size ? appended.ids[theirs] : Infinity;
      if (myId <= theirId) take(this, mine++);
      else take(appended, theirs++);
      if (myId === theirId) {
        theirs += 1;
        duplicates += 1;
      }
    }
    return columnsToVerdicts(
      merged,
      size,
      this.verdictsInSlice + appended.verdictsInSlice - duplicates,
    );
  }

  /** Counts per (model A, model B, outcome, preference), the shape the rest of the leaderboard reads. */
  counts(): CountedOutcome[] {
    // Keyed by number, not string: a million verdicts would otherwise build a million keys. The
    // ids are first numbered densely; a soft preference gets a second-level map of its own.
    const dense = new Map<number, number>();
    const denseOf = (id: number) => {
      let value = dense.get(id);
      if (value === undefined) dense.set(id, (value = dense.size));
      return value;
    };
    for (let row = 0; row < this.size; row += 1) {
      denseOf(this.modelAIds[row]);
      denseOf(this.modelBIds[row]);
    }
    const models = dense.size;
    const plain = new Map<number, CountedOutcome>();
    const soft = new Map<number, Map<number, CountedOutcome>>();
    for (let row = 0; row < this.size; row += 1) {
      const key =
        ((dense.get(this.modelAIds[row]) as number) * models +
          (dense.get(this.modelBIds[row]) as number)) *
          8 +
        this.outcomes[row];
      const preference = this.preferences[row];
      let byPreference = plain;
      let inner = key;
      if (!Number.isNaN(preference)) {
        byPreference = soft.get(key) ?? new Map<number, CountedOutcome>();
        soft.set(key, byPreference);
        inner = preference;
      }
      const counted = byPreference.get(inner);
      if (counted) counted.count += 1;
      else {
        byPreference.set(inner, {
          modelAId: this.modelAIds[row],
          modelBId: this.modelBIds[row],
          outcome: OUTCOME_LABELS[this.outcomes[row]],
          preferenceA: Number.isNaN(preference) ? null : preference,
          count: 1,
        });
      }
    }
    return [...plain.values(), ...[...soft.values()].flatMap((map) => [...map.values()])];
  }

  /**
   * The compact rows of the contextual fit over the leaderboard's dense model indices, in arrays
   * of their own on every call: a rating worker is handed them (rating-task.ts).
   */
  rows(index: ModelIndex, strongVerdictWeight: number): StyleRows {
    const builder = new StyleRowsBuilder(FEATURES, Math.max(1, this.size));
    const { styles } = this;
    const scores = OUTCOME_LABELS.map((label) => scoreOfA(label));
    const weights = OUTCOME_LABELS.map((label) => (isStrong(label) ? strongVerdictWeight : 1));
    for (let row = 0; row < this.size; row += 1) {
      // A model rated apart is not in the index: its verdicts stay out of the fit.
      if (!index.has(this.modelAIds[row]) || !index.has(this.modelBIds[row])) continue;
      const outcome = this.outcomes[row];
      const preference = this.preferences[row];
      const offset = row * 2 * FEATURES;
      builder.append(
        index.of(this.modelAIds[row]),
        index.of(this.modelBIds[row]),
        Number.isNaN(preference) ? scores[outcome] : preference,
        1,
        weights[outcome],
        styles,
        styles,
        offset,
        offset + FEATURES,
      );
    }
    return builder.rows(index.size);
  }
}

/**
 * The slice's style-controllable verdicts; with `onlyIds` (ascending), just those of them (the
 * verdicts appended since a cached read).
 */
export async function readStyleVerdicts(
  db: Database,
  filter: VerdictFilter,
  onlyIds?: readonly number[],
): Promise<StyleVerdicts> {
  const only =
    onlyIds === undefined
      ? sql`TRUE`
      : onlyIds.length === 0
        ? sql`FALSE`
        : // The range lets the primary key's index find them; ANY keeps only the ones named.
          sql`v.id BETWEEN ${onlyIds[0]} AND ${onlyIds[onlyIds.length - 1]} AND v.id = ANY(${sql.param(onlyIds)}::bigint[])`;
  // concat_ws builds each line in one call (a chain of || allocates a value per operand: a third
  // slower at a million rows); it skips NULLs, so the absent preference is written as ''.
  // The outer joins count the slice's other verdicts too, so the board can say what it covers.
  const [row] = await queryRows<{
    stream: string | null;
    n: string | number;
    in_slice: string | number;
  }>(
    db,
    sql`
    SELECT count(*) FILTER (WHERE ra.id IS NOT NULL AND rb.id IS NOT NULL) AS n, count(*) AS in_slice,
           string_agg(concat_ws(',', v.id, v.model_a_id, v.model_b_id, ${OUTCOME_INDEX}, COALESCE(v.preference_a::text, ''),
                                ra.token_length, ra.header_count, ra.list_item_count, ra.bold_count,
                                rb.token_length, rb.header_count, rb.list_item_count, rb.bold_count),
                      ';' ORDER BY v.id) FILTER (WHERE ra.id IS NOT NULL AND rb.id IS NOT NULL) AS stream
    FROM verdicts v
    LEFT JOIN responses ra ON ra.id = v.response_a_id
    LEFT JOIN responses rb ON rb.id = v.response_b_id
    WHERE ${verdictFilterCondition(filter)} AND ${only}`,
  );
  return parseStyleStream(row?.stream ?? '', Number(row?.n ?? 0), Number(row?.in_slice ?? 0));
}

/** Reads the packed rows; integers digit by digit, a preference as PostgreSQL's exact float text. */
function parseStyleStream(stream: string, size: number, verdictsInSlice: number): StyleVerdicts {
  const columns = emptyColumns(size);
  const { ids, modelAIds, modelBIds, outcomes, preferences, styles } = columns;
  let at = 0;
  const integer = (): number => {
    let value = 0;
    for (
      let code = stream.charCodeAt(at);
      code >= ZERO && code <= ZERO + 9;
      code = stream.charCodeAt(++at)
    )
      value = value * 10 + (code - ZERO);
    at += 1; // the separator
    return value;
  };
  for (let row = 0; row < size; row += 1) {
    ids[row] = integer();
    modelAIds[row] = integer();
    modelBIds[row] = integer();
    outcomes[row] = integer();
    if (stream.charCodeAt(at) === COMMA) {
      preferences[row] = Number.NaN;
      at += 1;
    } else {
      const from = at;
      at = stream.indexOf(',', from);
      preferences[row] = Number(stream.slice(from, at));
      at += 1;
    }
    const offset = row * 2 * FEATURES;
    for (let feature = 0; feature < 2 * FEATURES; feature += 1)
      styles[offset + feature] = integer();
    const separator = stream.charCodeAt(at - 1);
    if (row < size - 1 ? separator !== SEMICOLON : at - 1 !== stream.length) {
      throw new Error(`Malformed style stream at character ${at - 1}.`);
    }
  }
  return columnsToVerdicts(columns, size, verdictsInSlice);
}

const BYTES_PER_ROW = 8 + 4 + 4 + 1 + 8 + 4 * 2 * FEATURES;

interface Columns {
  ids: Float64Array;
  modelAIds: Int32Array;
  modelBIds: Int32Array;
  outcomes: Uint8Array;
  preferences: Float64Array;
  styles: Int32Array;
}

function emptyColumns(size: number): Columns {
  return {
    ids: new Float64Array(size),
    modelAIds: new Int32Array(size),
    modelBIds: new Int32Array(size),
    outcomes: new Uint8Array(size),
    preferences: new Float64Array(size),
    styles: new Int32Array(size * 2 * FEATURES),
  };
}

/** The first `size` rows of the columns (trimmed when fewer than allocated were filled). */
function columnsToVerdicts(columns: Columns, size: number, verdictsInSlice: number): StyleVerdicts {
  const trim = <T extends { length: number; slice(start: number, end: number): T }>(
    column: T,
    length: number,
  ) => (column.length === length ? column : column.slice(0, length));
  return new StyleVerdicts(
    size,
    trim(columns.ids, size),
    trim(columns.modelAIds, size),
    trim(columns.modelBIds, size),
    trim(columns.outcomes, size),
    trim(columns.preferences, size),
    trim(columns.styles, size * 2 * FEATURES),
    verdictsInSlice,
  );
}
