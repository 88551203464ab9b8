import { dayText, instantText, sentence } from '../words';
import { byWhom, type Timeline } from './timeline';

const WIDTH = 1000;
const MARGIN = 48;
const AXIS_Y = 64;
/** Markers closer than this (in the drawing's units) share one marker: "2–4". */
const CLUSTER = 26;
/** A date label needs this much room on its row; three rows, else the list below says it. */
const LABEL_ROOM = 120;
const ROWS = 3;

interface Marker {
  number: number;
  at: number;
  ahead: boolean;
}

interface Group {
  x: number;
  first: number;
  last: number;
  ahead: boolean;
  at: number;
}

/** Markers of one kind (past or ahead) that would overlap, drawn as one. */
const grouped = (markers: Marker[], x: (t: number) => number): Group[] => {
  const groups: Group[] = [];
  for (const m of [...markers].sort((a, b) => a.at - b.at || a.number - b.number)) {
    const last = groups.at(-1);
    if (last && last.ahead === m.ahead && x(m.at) - last.x < CLUSTER) last.last = m.number;
    else groups.push({ x: x(m.at), first: m.number, last: m.number, ahead: m.ahead, at: m.at });
  }
  return groups;
};

/**
 * The case on a time axis: what happened (filled markers) and what the workflow
 * still waits for (hollow markers with their dates), with today marked. The
 * drawing is one image for assistive technology; the numbered lists after it say
 * the same, marker by marker.
 */
export const TimeAxis = ({ timeline }: { timeline: Timeline }) => {
  const markers: Marker[] = [
    ...timeline.events.map((e, i) => ({ number: i + 1, at: Date.parse(e.occurredAt), ahead: false })),
    ...timeline.ahead.map((a, i) => ({ number: timeline.events.length + i + 1, at: Date.parse(a.dueAt), ahead: true })),
  ];
  const now = Date.parse(timeline.asOf);
  const times = [...markers.map((m) => m.at), now];
  const start = Math.min(...times);
  const end = Math.max(...times, start + 86_400_000);
  const x = (t: number) => MARGIN + ((t - start) / (end - start)) * (WIDTH - 2 * MARGIN);
  const groups = grouped(markers, x);
  const rowEnds = Array.from({ length: ROWS }, () => -Infinity);
  const labelled = groups.map((g) => {
    const row = rowEnds.findIndex((endX) => g.x - endX >= LABEL_ROOM);
    if (row >= 0) rowEnds[row] = g.x;
    return { ...g, row };
  });
  const height = AXIS_Y + 22 + (Math.max(...labelled.map((g) => g.row), 0) + 1) * 20;
  const description = `From ${dayText(new Date(start).toISOString())} to ${dayText(new Date(end).toISOString())}: ${timeline.events.length} recorded event${
    timeline.events.length === 1 ? '' : 's'
  } and ${timeline.ahead.length} date${timeline.ahead.length === 1 ? '' : 's'} ahead. The numbered lists below describe each marker.`;

  return (
    <>
      <figure class="margin-x-0 margin-y-2" data-testid="time-axis">
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby="time-axis-title time-axis-desc" class="timeline-axis">
          <title id="time-axis-title">Timeline of the case</title>
          <desc id="time-axis-desc">{description}</desc>
          <line x1={MARGIN} y1={AXIS_Y} x2={WIDTH - MARGIN} y2={AXIS_Y} stroke="#565c65" stroke-width="2" />
          {/* Two segments: the markers' numbers sit in the gap between them. */}
          <line x1={x(now)} y1={AXIS_Y - 42} x2={x(now)} y2={AXIS_Y - 32} stroke="#b50909" stroke-width="2" />
          <line x1={x(now)} y1={AXIS_Y - 12} x2={x(now)} y2={AXIS_Y + 12} stroke="#b50909" stroke-width="2" stroke-dasharray="4 3" />
          <text x={x(now)} y={AXIS_Y - 46} text-anchor="middle" font-size="15" fill="#b50909" font-weight="bold">
            Today
          </text>
          {labelled.map((g) => (
            <g key={`${g.first}-${g.last}`}>
              <circle cx={g.x} cy={AXIS_Y} r="9" fill={g.ahead ? '#ffffff' : '#005ea2'} stroke="#005ea2" stroke-width="3" />
              <text x={g.x} y={AXIS_Y - 16} text-anchor="middle" font-size="15" fill="#1b1b1b" stroke="#ffffff" stroke-width="5" paint-order="stroke">
                {g.first === g.last ? g.first : `${g.first}–${g.last}`}
              </text>
              {g.row >= 0 && (
                <text x={g.x} y={AXIS_Y + 30 + g.row * 20} text-anchor="middle" font-size="14" fill="#3d4551">
                  {dayText(new Date(g.at).toISOString())}
                </text>
              )}
            </g>
          ))}
        </svg>
        <figcaption class="text-base-dark font-sans-2xs">
          <span aria-hidden="true">● </span>recorded · <span aria-hidden="true">○ </span>ahead (timers and end dates) · dashed line: today (
          {instantText(timeline.asOf)})
        </figcaption>
      </figure>
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-6">
          <h3>What happened</h3>
          <ol class="usa-list" data-testid="events">
            {timeline.events.map((e) => (
              <li key={e.revision}>
                <span class="text-bold">{sentence(e.type)}</span> {byWhom(e.actor)}
                <br />
                <span class="text-base-dark">{instantText(e.occurredAt)}</span>
              </li>
            ))}
          </ol>
        </div>
        <div class="tablet:grid-col-6">
          <h3>Still ahead</h3>
          {timeline.ahead.length === 0 ? (
            <p class="text-base-dark">Nothing is timed: only people move the case from here.</p>
          ) : (
            <ol class="usa-list" start={timeline.events.length + 1} data-testid="ahead">
              {timeline.ahead.map((a) => (
                <li key={`${a.kind}-${a.dueAt}`}>
                  <span class="text-bold">{sentence(a.kind)}</span>, {instantText(a.dueAt)}
                  <br />
                  <span class="text-base-dark">{a.note}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </>
  );
};
