/** The colour key of a heatmap: the scale from `low` to `high` as a row of swatches. */
const STEPS = 10;

export function ColourLegend({
  colour,
  low,
  high,
  unit,
  scaled,
  sizeNote,
}: {
  colour: (value: number) => string;
  low: number;
  high: number;
  unit: string;
  scaled: string;
  sizeNote: string | null;
}) {
  const width = 200;
  const step = width / STEPS;
  const values = Array.from({ length: STEPS }, (_, i) => low + ((i + 0.5) / STEPS) * (high - low));
  return (
    <div class="colour-legend" data-legend="">
      <svg viewBox={`0 0 ${width + 60} 30`} width={width + 60} height={30} aria-hidden="true">
        {values.map((value, i) => (
          <rect key={i} x={30 + i * step} y={2} width={step} height={12} fill={colour(value)} />
        ))}
        <text x={30} y={27} text-anchor="middle">
          {low}
        </text>
        <text x={30 + width / 2} y={27} text-anchor="middle">
          {Math.round((low + high) / 2)}
        </text>
        <text x={30 + width} y={27} text-anchor="middle">
          {high}
        </text>
      </svg>
      <span class="note">
        Colour: {unit}, {low} to {high} ({scaled}).{sizeNote === null ? '' : ` ${sizeNote}`}
      </span>
    </div>
  );
}
