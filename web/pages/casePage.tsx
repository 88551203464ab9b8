import { useCallback, useEffect, useState } from 'preact/hooks';
import { PROCESSES, type ProcessName } from '../../domain/processes';
import type { QrbState } from '../../domain/qrb/state';
import { get, type Problem } from '../api';
import { Loading, ProblemAlert, Success } from '../components/feedback';
import { problemOf } from '../components/useLoad';
import { CaseActions } from '../case/caseActions';
import { KeyFacts } from '../case/keyFacts';
import { QrbTally } from '../case/qrbTally';
import { statusWords } from '../case/statusWords';
import { TimeAxis } from '../case/timeAxis';
import { changesAfter, type Timeline } from '../case/timeline';
import { WhoActsNext } from '../case/whoActsNext';
import { QrbDecisions } from '../decisions/qrbDecisions';
import { useSession } from '../session';
import { casePath, processName, sentence } from '../words';
import type { PageProps } from './pageProps';

interface Loaded {
  state: { status: string } & Record<string, unknown>;
  /** The state's ETag: decisions are sent with If-Match on it. */
  revision: number;
  timeline: Timeline;
}

/** Every process of the registry has its case pages. */
const CASE_PROCESSES: readonly string[] = PROCESSES.map((p) => p.name);

const headingOf = (problem: Problem): string =>
  problem.status === 404
    ? 'Case not found'
    : problem.status === 403
      ? 'Not allowed'
      : problem.status === 503 || problem.status === 0
        ? 'The case cannot be shown right now'
        : 'The case could not be loaded';

/**
 * A case's own page: its status in words, who must act next and by when, its
 * timeline on a time axis, its key facts (for QRB the votes by ECQ), and the
 * decisions the signed-in person may take here. A decision reloads the case; a
 * decision on a case that moved on shows what changed and keeps what was entered.
 */
export const CasePage = ({ params, query }: PageProps) => {
  const { person } = useSession();
  const process = params.process as ProcessName;
  const caseId = params.caseId!;
  const path = casePath(process, caseId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);

  /** Reads the state and the timeline again; the page keeps showing the last case meanwhile, so no form loses what was typed. */
  const refresh = useCallback(async (): Promise<Timeline | null> => {
    try {
      const [state, timeline] = await Promise.all([get<Loaded['state']>(path), get<Timeline>(`${path}/timeline`)]);
      setLoaded({ state: state.body, revision: state.revision ?? timeline.body.revision, timeline: timeline.body });
      setProblem(null);
      return timeline.body;
    } catch (error) {
      setProblem(problemOf(error));
      return null;
    }
  }, [path]);

  useEffect(() => {
    setLoaded(null);
    setProblem(null);
    setRecorded(null);
    if (CASE_PROCESSES.includes(process)) void refresh();
  }, [refresh]);

  if (!CASE_PROCESSES.includes(process)) {
    return (
      <>
        <h1>Page not found</h1>
        <ProblemAlert
          problem={{
            title: 'Not found',
            status: 404,
            rule: 'not-found',
            detail: `There is no process "${process}"; cases are ${CASE_PROCESSES.slice(0, -1).join(', ')} or ${CASE_PROCESSES.at(-1)} cases.`,
          }}
        />
      </>
    );
  }
  const title = `${processName(process)}: ${caseId}`;
  if (!loaded) {
    return (
      <>
        <h1>{problem ? headingOf(problem) : title}</h1>
        {problem ? <ProblemAlert problem={problem} /> : <Loading what={`case ${caseId}`} />}
      </>
    );
  }

  const { state, revision, timeline } = loaded;
  const onDecided = (what: string) => {
    // Said once the page shows the case after the decision.
    void refresh().then(() => setRecorded(what));
  };
  const onStale = async (since: number) => {
    const now = await refresh();
    return now ? changesAfter(now, since) : [];
  };
  const focus = query.get('decide');

  return (
    <>
      <h1>{title}</h1>
      <p class="usa-intro" data-testid="status-words">
        {statusWords(process, state.status)}
      </p>
      <p class="text-base-dark">
        Status <span class="usa-tag bg-base-darkest">{sentence(state.status)}</span> · revision {revision} · {timeline.events.length} event
        {timeline.events.length === 1 ? '' : 's'} recorded
      </p>
      {problem && <ProblemAlert problem={problem} heading="The case could not be reloaded" />}
      {recorded && <Success>Recorded: {recorded}. The page shows the case as it stands now.</Success>}
      <KeyFacts process={process} state={state} policyVersion={timeline.policyVersion} />
      <h2>Who must act next</h2>
      <WhoActsNext pending={timeline.pending} me={person.id} />
      <h2>Timeline</h2>
      <TimeAxis timeline={timeline} />
      {process === 'qrb' && (
        <>
          <h2>Votes by ECQ</h2>
          <QrbTally state={state as unknown as QrbState} />
        </>
      )}
      <h2 id="actions">What you can do here</h2>
      {process === 'qrb' ? (
        <QrbDecisions
          caseId={caseId}
          state={state as unknown as QrbState}
          pending={timeline.pending}
          revision={revision}
          onDecided={() => onDecided('your decision')}
          onStale={onStale}
          focus={focus}
        />
      ) : (
        <CaseActions
          process={process}
          caseId={caseId}
          state={state}
          timeline={timeline}
          revision={revision}
          focus={focus}
          onDecided={(type) => onDecided(sentence(type))}
          onStale={onStale}
        />
      )}
    </>
  );
};
