/**
 * An estimate of the bytes a computed leaderboard keeps alive, so its cache can be bounded by
 * memory rather than by entry count: a style-controlled board of 100 models holds far more than a
 * plain one of 5. V8 objects cost about 16 bytes of header plus 8 per field (numbers and
 * pointers), strings 16 + 2 per character; the figures below round those up per shape.
 */
const ENTRY_BYTES = 320; // LeaderboardEntry: 14 fields + the model reference
const MODEL_BYTES = 120; // ModelRef: id, name, createdAt (a Date object)
const COEFFICIENT_BYTES = 240; // LeaderboardStyleCoefficient: 11 fields + its feature name
const WIN_RATE_CELL_BYTES = 96; // WinRateCell: 5 fields, built on demand but then kept
const ROW_BYTES = 96; // a cell or a counted row the win-rate matrix reads later

export function leaderboardFootprint(shape: {
  models: number;
  nameCharacters: number;
  coefficients: number;
  retainedRows: number;
  problemCharacters: number;
}): number {
  return (
    1024 +
    shape.models * (ENTRY_BYTES + MODEL_BYTES) +
    2 * shape.nameCharacters +
    shape.coefficients * COEFFICIENT_BYTES +
    shape.models * Math.max(0, shape.models - 1) * WIN_RATE_CELL_BYTES +
    shape.retainedRows * ROW_BYTES +
    2 * shape.problemCharacters
  );
}
