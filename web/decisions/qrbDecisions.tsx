import type { JSX } from 'preact';
import { isQrbClosed, type QrbState } from '../../domain/qrb/state';
import { useDecisionFocus } from '../case/useDecisionFocus';
import { useCan, useSession } from '../session';
import { Empty } from '../components/feedback';
import { dayText, sentence } from '../words';
import { QrbAppointmentForm } from './qrbAppointment';
import { QrbConveneForm } from './qrbConvene';
import type { QrbDecisionProps } from './qrbDecisionProps';
import { QrbResubmitForm } from './qrbResubmit';
import { QrbTransitionForm, transitionsFor } from './qrbTransition';
import { QrbVoteForm } from './qrbVote';
import { QrbWithdrawForm } from './qrbWithdraw';

/**
 * The QRB decisions the signed-in person may take on the case as it stands: only
 * those its status allows (domain/qrb/decide.ts) and the person's roles permit
 * (the API's own permission table), each a DecisionForm sent with the case's revision.
 * `focus` is an action type from the inbox's ?decide= (e.g. "CastQrbVote"): that form is scrolled to and focused.
 */
export const QrbDecisions = (props: {
  caseId: string;
  state: QrbState;
  revision: number;
  onDecided: () => void;
  onStale: (revision: number) => Promise<string[]>;
  focus: string | null;
}) => {
  const { person } = useSession();
  const can = useCan();
  const { state } = props;
  const member = state.board.some((m) => m.id === person.id);
  const voted = state.votes.find((v) => v.memberId === person.id);

  const forms: { action: string; form: (p: QrbDecisionProps) => JSX.Element }[] = [
    ...(state.status === 'SUBMITTED_TO_OPM' && can('qrb.convene') ? [{ action: 'ConveneQrbBoard', form: QrbConveneForm }] : []),
    ...(state.status === 'BOARD_CONVENED' && state.decision === null && can('qrb.vote') && member && !voted
      ? [{ action: 'CastQrbVote', form: QrbVoteForm }]
      : []),
    ...(transitionsFor(state).length > 0 && can('qrb.transition') ? [{ action: 'HandleAgencyHeadTransition', form: QrbTransitionForm }] : []),
    ...(state.status === 'DISAPPROVED' && state.resubmitBy !== null && can('qrb.resubmit') ? [{ action: 'ResubmitQrbCase', form: QrbResubmitForm }] : []),
    ...(state.status === 'APPROVED' && can('qrb.appoint') ? [{ action: 'RecordQrbAppointment', form: QrbAppointmentForm }] : []),
    ...(state.status !== 'NOT_SUBMITTED' && !isQrbClosed(state) && can('qrb.withdraw') ? [{ action: 'WithdrawQrbCase', form: QrbWithdrawForm }] : []),
  ];

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
