import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { StateTable } from './auditValue';
import { Loading, ProblemAlert } from './feedback';
import { TextInput, type FieldErrors } from './fields';
import { useLoad } from './useLoad';
import { instantText } from '../words';

interface Replay {
  stream: string;
  /** -1 when no event was folded in (an instant before the case began). */
  revision: number;
  eventsApplied: number;
  state: unknown;
}

/** A slider moved by holding an arrow key reads the case once it rests, not at every step. */
const SETTLE_MS = 300;

/** The case rebuilt from its events up to a revision (the slider) or as it stood at an instant. */
export const AuditReplay = ({ stream, purpose }: { stream: string; purpose: string }) => {
  const [point, setPoint] = useState<{ revision?: number; at?: string }>({});
  const [last, setLast] = useState<number | null>(null);
  const [slider, setSlider] = useState(0);
  const [at, setAt] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const settling = useRef<ReturnType<typeof setTimeout>>();
  const query = point.revision !== undefined ? `?revision=${point.revision}` : point.at ? `?at=${encodeURIComponent(point.at)}` : '';
  const [replay] = useLoad(
    () => get<Replay>(`/audit/streams/${encodeURIComponent(stream)}/replay${query}`, { purpose }).then((a) => a.body),
    [stream, purpose, query],
  );

  useEffect(() => {
    if (replay.state !== 'ready') return;
    // The first replay (no point) tells the last revision; a replay at an instant moves the slider to where it stopped.
    if (last === null) setLast(replay.value.revision);
    if (point.revision === undefined) setSlider(Math.max(0, replay.value.revision));
  }, [replay]);
  useEffect(() => () => clearTimeout(settling.current), []);

  const slide = (revision: number) => {
    setSlider(revision);
    clearTimeout(settling.current);
    settling.current = setTimeout(() => setPoint({ revision }), SETTLE_MS);
  };
  const replayAt = (event: Event) => {
    event.preventDefault();
    const instant = new Date(at);
    if (!at || Number.isNaN(instant.getTime())) {
      setErrors({ 'replay-at': 'Give a date and time to rebuild the case at.' });
      return;
    }
    setErrors({});
    clearTimeout(settling.current);
    setPoint({ at: instant.toISOString() });
  };

  return (
    <>
      {last === null ? (
        replay.state === 'failed' ? (
          <ProblemAlert problem={replay.problem} />
        ) : (
          <Loading what="the case's revisions" />
        )
      ) : (
        <div class="grid-row grid-gap-lg">
          <form class="usa-form tablet:grid-col-6" onSubmit={(event) => event.preventDefault()}>
            <label class="usa-label" for="replay-revision">
              Rebuild through revision
            </label>
            <div class="usa-hint" id="replay-revision-hint">
              Move with the arrow keys; revisions 0 to {last}.
            </div>
            <input
              id="replay-revision"
              class="usa-range"
              type="range"
              min={0}
              max={last}
              step={1}
              value={slider}
              aria-describedby="replay-revision-hint"
              aria-valuetext={`Revision ${slider} of ${last}`}
              onInput={(event) => slide(Number((event.target as HTMLInputElement).value))}
            />
            <p class="margin-top-1 text-bold" aria-hidden="true" data-testid="replay-revision">
              Revision {slider} of {last}
            </p>
          </form>
          <form class="usa-form tablet:grid-col-6" onSubmit={replayAt} noValidate>
            <TextInput
              path="replay-at"
              label="Or rebuild as it stood at an instant"
              hint="Your local date and time."
              type="datetime-local"
              errors={errors}
              value={at}
              onInput={setAt}
            />
            <button type="submit" class="usa-button usa-button--outline margin-top-1">
              Rebuild at this instant
            </button>
          </form>
        </div>
      )}
      <p class="margin-top-2" role="status" aria-live="polite" data-testid="replay-status">
        {replay.state === 'loading' && last !== null && 'Rebuilding the case…'}
        {replay.state === 'ready' &&
          (replay.value.revision < 0
            ? `The case had not begun at ${instantText(point.at)}: no event was recorded by then.`
            : `The case rebuilt through revision ${replay.value.revision} (${replay.value.eventsApplied} event${replay.value.eventsApplied === 1 ? '' : 's'} applied)${point.at ? `, as it stood at ${instantText(point.at)}` : ''}.`)}
      </p>
      {replay.state === 'failed' && last !== null && <ProblemAlert problem={replay.problem} />}
      {replay.state === 'ready' && replay.value.revision >= 0 && (
        <StateTable state={replay.value.state} caption={`The case's fields at revision ${replay.value.revision}`} />
      )}
    </>
  );
};
