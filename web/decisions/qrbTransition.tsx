import { qrbTransitionsFor } from '../../domain/qrb/actionRules';
import { AgencyHeadTransitionSchema } from '../../domain/qrb/commands';
import { DecisionForm } from '../components/decisionForm';
import { RadioGroup, TextInput } from '../components/fields';
import { useSession } from '../session';
import { useStoredDraft } from '../start/storedDraft';
import { dayText } from '../words';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

type TransitionAction = 'hold' | 'release' | 'return';

const ACTIONS: Record<TransitionAction, { label: string; description: string }> = {
  hold: { label: 'Hold the case', description: 'The agency head is leaving or has just arrived: the case waits (5 CFR 317.502(d)).' },
  release: { label: 'Release the hold', description: 'The case goes on where it stopped.' },
  return: { label: 'Return the case to the agency', description: 'The case ends here; the agency may submit it again later.' },
};

/** OPM QRB staff around an agency-head transition: hold a pending case, then release or return it. */
export const QrbTransitionForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const actions = qrbTransitionsFor(state);
  const [draft, setDraft, clear] = useStoredDraft(draftKey(person.id, caseId, `HandleAgencyHeadTransition-${state.status}`), () => ({
    action: actions.length === 1 ? actions[0]! : '',
    reason: '',
  }));
  const onHold = state.status === 'ON_HOLD';

  return (
    <DecisionForm
      id="HandleAgencyHeadTransition"
      title={onHold ? 'Release or return the held case' : 'Hold the case for an agency-head transition'}
      description={
        onHold && state.hold ? (
          <p>
            On hold since {dayText(state.hold.since)} by {state.hold.by}: {state.hold.reason}
          </p>
        ) : undefined
      }
      submitLabel={onHold ? 'Record the decision' : 'Hold the case'}
      revision={revision}
      prepare={() => check(AgencyHeadTransitionSchema, { action: draft.action, by: person.id, reason: draft.reason })}
      send={sender(caseId, 'agency-head-transition')}
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
            <TextInput
              path="transition.reason"
              label="Reason"
              hint="E.g. the agency head's departure date; recorded with the case."
              errors={errors}
              required
              multiline
              value={draft.reason}
              onInput={(reason) => setDraft({ ...draft, reason })}
            />
          </>
        );
      }}
    </DecisionForm>
  );
};
