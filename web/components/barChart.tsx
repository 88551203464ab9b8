// Hand-written SVG charts. Each is one image with a summary for screen readers
// (role="img", aria-label); the table beside it is the accessible equivalent.

/** USWDS primary (contrast 7:1 on white) for bars; ink and base-dark for text and axes. */
const BAR = '#005ea2';
const INK = '#1b1b1b';
const AXIS = '#565c65';
const GRID = '#dfe1e2';

/** Tick step and axis end for whole values up to `max` (days, counts): a whole step of 1, 2 or 5 times a power of ten, about five ticks. */
const axisOf = (max: number): { step: number; end: number } => {
  if (max <= 0) return { step: 1, end: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!,
  );
  return { step, end: Math.ceil(max / step) * step };
};

const ticksOf = (end: number, step: number): number[] => Array.from({ length: Math.round(end / step) + 1 }, (_, i) => i * step);

/** A label in lines of at most `width` characters, split between words. */
const wrap = (label: string, width: number): string[] =>
  label.split(' ').reduce<string[]>((lines, word) => {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);

export interface Bar {
  label: string;
  value: number;
  /** The value as the bar's end says it: "75%", "12 days". */
  text: string;
}

interface HorizontalBarsProps {
  /** What the chart shows, for screen readers (the table gives the numbers). */
  summary: string;
  bars: readonly Bar[];
  /** The axis end: 1 for rates, else the largest value rounded up. */
  max?: number;
  /** Ticks as text: (0.5) → "50%". */
  tickText?: (value: number) => string;
  axisTitle: string;
}

const WIDTH = 800;
const LABEL_WIDTH = 300;
const LABEL_CHARS = 36;
const LINE = 16;
const VALUE_ROOM = 90;

/** One horizontal bar per row, its label on the left (wrapped), its value at its end. */
export const HorizontalBars = ({ summary, bars, max, tickText = String, axisTitle }: HorizontalBarsProps) => {
  const largest = Math.max(0, ...bars.map((b) => b.value));
  const { step, end } = max === undefined ? axisOf(largest) : { step: max / 4, end: max };
  const plot = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number) => LABEL_WIDTH + (Math.max(0, value) / end) * plot;
  const rows = bars.map((bar) => ({ bar, lines: wrap(bar.label, LABEL_CHARS) }));
  const heights = rows.map((r) => Math.max(32, r.lines.length * LINE + 14));
  const top = 10;
  const plotHeight = heights.reduce((sum, h) => sum + h, 0);
  const height = top + plotHeight + 56;
  let y = top;
  return (
    <svg class="report-chart" role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" data-testid="chart">
      {ticksOf(end, step).map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top} y2={top + plotHeight} stroke={GRID} />
          <text x={x(tick)} y={top + plotHeight + 18} text-anchor="middle" font-size="13" fill={AXIS}>
            {tickText(tick)}
          </text>
        </g>
      ))}
      {rows.map(({ bar, lines }, index) => {
        const rowTop = y;
        const h = heights[index]!;
        y += h;
        const middle = rowTop + h / 2;
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={LABEL_WIDTH - 10} y={middle - ((lines.length - 1) * LINE) / 2 + 5} text-anchor="end" font-size="14" fill={INK}>
              {lines.map((line, i) => (
                <tspan key={i} x={LABEL_WIDTH - 10} dy={i === 0 ? 0 : LINE}>
                  {line}
                </tspan>
              ))}
            </text>
            <rect x={LABEL_WIDTH} y={middle - 10} width={Math.max(0, x(bar.value) - LABEL_WIDTH)} height="20" fill={BAR} />
            <text x={x(bar.value) + 6} y={middle + 5} font-size="14" fill={INK} font-weight="bold">
              {bar.text}
            </text>
          </g>
        );
      })}
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={top} y2={top + plotHeight} stroke={AXIS} />
      <text x={LABEL_WIDTH + plot / 2} y={top + plotHeight + 44} text-anchor="middle" font-size="14" fill={INK}>
        {axisTitle}
      </text>
    </svg>
  );
};

export interface Bin {
  /** "0–2 days". */
  label: string;
  count: number;
}

/** Vertical bars over consecutive bins (a distribution), counts on the y axis. */
export const Histogram = ({ summary, bins, xTitle, yTitle }: { summary: string; bins: readonly Bin[]; xTitle: string; yTitle: string }) => {
  const height = 320;
  const left = 70;
  const right = 20;
  const top = 16;
  const bottom = 70;
  const plotWidth = WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const { step, end } = axisOf(Math.max(0, ...bins.map((b) => b.count)));
  const y = (count: number) => top + plotHeight - (count / end) * plotHeight;
  const slot = plotWidth / Math.max(1, bins.length);
  const barWidth = Math.min(80, slot * 0.8);
  return (
    <svg class="report-chart" role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" data-testid="chart">
      {ticksOf(end, step).map((tick) => (
        <g key={tick}>
          <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} stroke={GRID} />
          <text x={left - 8} y={y(tick) + 5} text-anchor="end" font-size="13" fill={AXIS}>
            {tick}
          </text>
        </g>
      ))}
      {bins.map((bin, index) => {
        const centre = left + slot * index + slot / 2;
        return (
          <g key={bin.label}>
            <rect x={centre - barWidth / 2} y={y(bin.count)} width={barWidth} height={top + plotHeight - y(bin.count)} fill={BAR} />
            {bin.count > 0 && (
              <text x={centre} y={y(bin.count) - 6} text-anchor="middle" font-size="14" font-weight="bold" fill={INK}>
                {bin.count}
              </text>
            )}
            <text x={centre} y={top + plotHeight + 20} text-anchor="middle" font-size="13" fill={INK}>
              {bin.label}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={left + plotWidth} y1={top + plotHeight} y2={top + plotHeight} stroke={AXIS} />
      <text x={left + plotWidth / 2} y={height - 12} text-anchor="middle" font-size="14" fill={INK}>
        {xTitle}
      </text>
      <text x={18} y={top + plotHeight / 2} text-anchor="middle" font-size="14" fill={INK} transform={`rotate(-90 18 ${top + plotHeight / 2})`}>
        {yTitle}
      </text>
    </svg>
  );
};
