import { AgencyHeadTransitionSchema } from '../../domain/qrb/commands';
import { get, post } from '../api';
import { DecisionForm } from '../components/decisionForm';
import { RadioGroup, TextInput } from '../components/fields';
import { useSession } from '../session';
import { useStoredDraft } from '../start/storedDraft';
import { dayText } from '../words';
import { draftKey, scoped, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

type TransitionAction = 'hold' | 'release' | 'return';

const ACTIONS: Record<TransitionAction, { label: string; description: string }> = {
  hold: { label: 'Hold the case', description: 'The agency head is leaving or has just arrived: the case waits (5 CFR 317.502(d)).' },
  release: { label: 'Release the hold', description: 'The case goes on where it stopped.' },
  return: { label: 'Return the case to the agency', description: 'The case ends here; the agency may submit it again later.' },
};

/** The hold, release or return the case's status allows now (a Criterion B case is never held). */
export const transitionsFor = (state: QrbDecisionProps['state']): TransitionAction[] => {
  if (state.status === 'ON_HOLD') return ['release', 'return'];
  if ((state.status === 'SUBMITTED_TO_OPM' || state.status === 'BOARD_CONVENED') && state.submission?.criterion !== 'B') return ['hold'];
  return [];
};

/**
 * The transition is a signal: the API checks it and answers 202, and the workflow
 * records it a moment later. Waiting (a few seconds at most) for the case to pass the
 * revision the form was sent on lets the page then show the hold, not the case before it.
 */
const sendAndAwait = (caseId: string) => async (body: unknown, options: { ifMatch: number; idempotencyKey: string }) => {
  const path = `/qrb-cases/${encodeURIComponent(caseId)}`;
  await post(`${path}/agency-head-transition`, body, options);
  for (let attempt = 0; attempt < 40; attempt++) {
    if (((await get(path)).revision ?? 0) > options.ifMatch) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** OPM QRB staff around an agency-head transition: hold a pending case, then release or return it. */
export const QrbTransitionForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const actions = transitionsFor(state);
  const [draft, setDraft, clear] = useStoredDraft(draftKey(person.id, caseId, `HandleAgencyHeadTransition-${state.status}`), () => ({ action: actions.length === 1 ? actions[0]! : '', reason: '' }));
  const onHold = state.status === 'ON_HOLD';

  return (
    <DecisionForm
      id="HandleAgencyHeadTransition"
      title={onHold ? 'Release or return the held case' : 'Hold the case for an agency-head transition'}
      description={onHold && state.hold ? <p>On hold since {dayText(state.hold.since)} by {state.hold.by}: {state.hold.reason}</p> : undefined}
      submitLabel={onHold ? 'Record the decision' : 'Hold the case'}
      revision={revision}
      prepare={() => check(AgencyHeadTransitionSchema, { action: draft.action, by: person.id, reason: draft.reason })}
      send={sendAndAwait(caseId)}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => {
        const errors = scoped('transition', refusals);
        return (
          <>
            {actions.length > 1 && (
              <RadioGroup
                path="transition.action"
                legend="Decision"
                errors={errors}
                tile
                value={draft.action}
                onChange={(action) => setDraft({ ...draft, action })}
                options={actions.map((action) => ({ value: action, ...ACTIONS[action] }))}
              />
            )}
            <TextInput path="transition.reason" label="Reason" hint="E.g. the agency head's departure date; recorded with the case." errors={errors} required multiline value={draft.reason} onInput={(reason) => setDraft({ ...draft, reason })} />
          </>
        );
      }}
    </DecisionForm>
  );
};
