import { useRef, useState } from 'preact/hooks';
import { Empty } from '../components/feedback';
import { useCan, useSession } from '../session';
import { sentence } from '../words';
import { ActAs } from './actAs';
import { ActionForm } from './actionForm';
import { offeredActions, type Acting } from './actionCatalog';
import type { Timeline } from './timeline';
import { useDecisionFocus } from './useDecisionFocus';

interface CaseActionsProps {
  process: string;
  caseId: string;
  state: { status: string };
  timeline: Timeline;
  /** The revision of the state shown (its ETag): every form is sent with If-Match on it. */
  revision: number;
  /** The action the inbox opened (?decide=): scrolled to and focused. */
  focus: string | null;
  onDecided: (type: string) => void;
  onStale: (revision: number) => Promise<string[]>;
}

/** The actions the signed-in person may take on a probation, onboarding or rotation case: theirs first, as themself or under a delegation. */
export const CaseActions = ({ process, caseId, state, timeline, revision, focus, onDecided, onStale }: CaseActionsProps) => {
  const { person } = useSession();
  const can = useCan();
  const [acting, setActing] = useState<Acting | null>({ kind: 'self', id: person.id, roles: person.roles });
  const offered = acting ? offeredActions(process, state, timeline.pending, acting) : [];
  useDecisionFocus(
    focus,
    offered.map((o) => o.type),
  );
  // Once the decision the inbox opened was shown, its going away (taken) needs no explanation.
  const focusShown = useRef(false);
  if (focus !== null && offered.some((o) => o.type === focus)) focusShown.current = true;

  if (!can('case.act')) return <p data-testid="no-actions">Your roles read cases; they take no actions on them.</p>;
  return (
    <div data-testid="case-actions">
      <ActAs acting={acting} onChange={setActing} asOf={timeline.asOf} />
      {focus && !focusShown.current && (
        <Empty>The decision you opened ({sentence(focus)}) is not open to you on this case now: it was taken already, or the case moved on.</Empty>
      )}
      {acting === null ? (
        <p class="text-base-dark margin-top-2">Name the delegation you act under to see the decisions it covers.</p>
      ) : offered.length === 0 ? (
        <Empty>There is nothing for you to do on this case at its status ({sentence(state.status)}).</Empty>
      ) : (
        offered.map((o) => (
          <ActionForm
            key={`${o.type}-${acting.kind}`}
            process={process}
            caseId={caseId}
            state={state}
            offered={o}
            acting={acting}
            revision={revision}
            onDecided={onDecided}
            onStale={onStale}
          />
        ))
      )}
    </div>
  );
};
