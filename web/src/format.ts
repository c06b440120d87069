/** How numbers read on the page: ratings to one decimal, shares as percentages. */
export function rating(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${value.toFixed(digits)}%`;
}

/** A share in [0, 1] as a percentage. */
export function share(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${(100 * value).toFixed(digits)}%`;
}

export function decimal(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** "1 judge", "126 judges": a count with its noun in the number it needs. */
export function counted(value: number, singular: string, plural = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : plural}`;
}

export function interval(
  lower: number | null | undefined,
  upper: number | null | undefined,
): string {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return '–';
  return `${lower.toFixed(1)} – ${upper.toFixed(1)}`;
}

/** What a message may quote of the user's input: 40 characters at most (as src/domain/excerpt.ts). */
export function excerpt(text: string): string {
  const characters = Array.from(text);
  return characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : text;
}

/** A time of day, 24-hour, to the second: when an answer arrived. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB');
}

/** Outcome enum values as the labels judges write. */
export const OUTCOME_LABELS: Record<string, string> = {
  A_MUCH_BETTER: 'A>>B',
  A_BETTER: 'A>B',
  TIE: 'A=B',
  BOTH_BAD: 'both bad',
  B_BETTER: 'B>A',
  B_MUCH_BETTER: 'B>>A',
};

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}

/** Round-number axis ticks covering [low, high] (about `wanted` of them). */
export function niceTicks(low: number, high: number, wanted = 6): number[] {
  if (!(high > low)) return [low];
  const rough = (high - low) / wanted;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
    ticks.push(Number(tick.toFixed(10)));
  return ticks;
}
