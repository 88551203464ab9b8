import type { JSX } from 'preact';
import type { PendingDecision } from '../../domain/pendingDecision';
import type { QrbAction } from '../../domain/qrb/definition';
import type { QrbState } from '../../domain/qrb/state';
import { offeredActions } from '../case/actionCatalog';
import { useDecisionFocus } from '../case/useDecisionFocus';
import { useSession } from '../session';
import { Empty } from '../components/feedback';
import { dayText, sentence } from '../words';
import { QrbAppointmentForm } from './qrbAppointment';
import { QrbConveneForm } from './qrbConvene';
import type { QrbDecisionProps } from './qrbDecisionProps';
import { QrbResubmitForm } from './qrbResubmit';
import { QrbTransitionForm } from './qrbTransition';
import { QrbVoteForm } from './qrbVote';
import { QrbWithdrawForm } from './qrbWithdraw';

/** Each QRB decision's own form. */
const FORMS: Record<QrbAction['type'], (p: QrbDecisionProps) => JSX.Element> = {
  ConveneQrbBoard: QrbConveneForm,
  CastQrbVote: QrbVoteForm,
  HandleAgencyHeadTransition: QrbTransitionForm,
  ResubmitQrbCase: QrbResubmitForm,
  RecordQrbAppointment: QrbAppointmentForm,
  WithdrawQrbCase: QrbWithdrawForm,
};

/**
 * The QRB decisions the signed-in person may take on the case as it stands: only
 * those the QRB action rules open to the person's roles at its status
 * (domain/qrb/actionRules.ts), theirs first, each a DecisionForm sent with the case's revision.
 * `focus` is an action type from the inbox's ?decide= (e.g. "CastQrbVote"): that form is scrolled to and focused.
 */
export const QrbDecisions = (props: {
  caseId: string;
  state: QrbState;
  /** Who must act next (the case's timeline): the person's own decisions come first. */
  pending: readonly PendingDecision[];
  revision: number;
  onDecided: () => void;
  onStale: (revision: number) => Promise<string[]>;
  focus: string | null;
}) => {
  const { person } = useSession();
  const { state } = props;
  const member = state.board.some((m) => m.id === person.id);
  const voted = state.votes.find((v) => v.memberId === person.id);

  const forms = offeredActions('qrb', state, props.pending, { kind: 'self', id: person.id, roles: person.roles }).map(({ type }) => ({
    action: type,
    form: FORMS[type as QrbAction['type']],
  }));

  useDecisionFocus(
    props.focus,
    forms.map((f) => f.action),
  );

  return (
    <div data-testid="qrb-decisions">
      {props.focus && !forms.some((f) => f.action === props.focus) && (
        <Empty>The decision you opened ({sentence(props.focus)}) is not open to you on this case now: it was taken already, or the case moved on.</Empty>
      )}
      {voted && (
        <p class="margin-top-2" data-testid="voted">
          You voted on this case on {dayText(voted.castAt)}.
        </p>
      )}
      {member && !voted && state.status === 'ON_HOLD' && (
        <p class="margin-top-2">The case is on hold for an agency-head transition: your vote waits for OPM to release it.</p>
      )}
      {forms.length === 0
        ? !voted && <p class="margin-top-2 text-base-dark">There is no QRB decision for you to take on this case now.</p>
        : forms.map(({ action, form: Form }) => (
            <Form
              key={`${action}-${state.round}`}
              caseId={props.caseId}
              state={state}
              revision={props.revision}
              onDecided={props.onDecided}
              onStale={props.onStale}
            />
          ))}
    </div>
  );
};
