import { agencyDateOf } from '../agencyTimeZones';
import { addDays } from '../calendar';
import { POLICY_VERSIONS } from '../policyVersions';
import type { QrbEvent } from '../qrb/events';
import { pendingVoters, qrbAgency, type QrbState } from '../qrb/state';
import type { Notice } from './notice';
import { caseIdOf, everyone, notice, people, person, recipients, runTable, silent, type CaseRef, type NoticeTable } from './table';

// Silent: QrbVoteCast (the member votes; the decision that follows is what people are told).
export const QRB_SILENT_EVENT_TYPES = ['QrbVoteCast'] as const;

/** How many days before the last day of the resubmission window the HR specialist is reminded. */
export const QRB_WINDOW_CLOSING_REMINDER_DAYS = 7;

const name = (ref: CaseRef) => `QRB case ${ref.caseId}`;
const Name = name;

/** The HR specialist who submitted the case. */
const submitter = (state: QrbState) => person(state.submission?.submittedBy);

/** The members of a board that sits and has not decided: they are told when the case stops or restarts under them. */
const sittingBoard = (state: QrbState) => (state.decision === null ? people(state.board.map((m) => m.id)) : []);

/** A member's vote is due when the first reminder falls due: the convening day plus the pinned policy's days. */
const voteDueOn = (state: QrbState): string | null => {
  const policy = POLICY_VERSIONS.find((p) => p.id === state.policyVersion);
  return policy && state.convenedAt ? addDays(agencyDateOf(state.convenedAt, qrbAgency(state)), policy.qrb.voteReminderAfterDays) : null;
};

const latest = (a: string, b: string): string => (a > b ? a : b);

const QRB_NOTICES: NoticeTable<QrbEvent, QrbState> = {
  QrbCaseSubmitted: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'qrb.submitted',
      to: everyone('opm-qrb-staff'),
      subject: `${Name(ref)}: submitted, a board is to be convened`,
      body: `${Name(ref)} was submitted to OPM on ${ref.on} (criterion ${after.submission?.criterion ?? '-'}, round ${after.round}). Convene a board to review it.`,
    }),
  ],
  QrbBoardConvened: (e, _b, after, ref) => {
    const dueOn = voteDueOn(after);
    return [
      notice(ref, {
        kind: 'qrb.board-convened',
        to: people(e.data.members.map((m) => m.id)),
        subject: `${Name(ref)}: you sit on its board${dueOn ? `, vote by ${dueOn}` : ''}`,
        body: `A board was convened for ${name(ref)} on ${ref.on} (round ${after.round}), and you are one of its members. Rate every ECQ of the ${after.ecqFramework ?? 'case'} framework${dueOn ? ` by ${dueOn}; members who have not voted by then are reminded` : ''}.`,
        dueOn,
      }),
    ];
  },
  QrbVoteCast: silent,
  QrbVoteReminderSent: (e, _b, after, ref) => {
    const dueOn = voteDueOn(after);
    return [
      notice(ref, {
        kind: 'qrb.vote-reminder',
        to: people(e.data.pendingMemberIds),
        subject: `${Name(ref)}: your vote is still owed`,
        body: `Your vote on ${name(ref)} (round ${after.round}) is not yet recorded${dueOn ? `; it was due by ${dueOn}` : ''}. Rate every ECQ now: the board decides once every member has voted.`,
        dueOn,
      }),
    ];
  },
  QrbCaseApproved: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'qrb.approved',
      to: recipients(submitter(after), person(after.submission?.selectingOfficialId)),
      subject: `${Name(ref)}: approved by the board`,
      body: `The board approved ${name(ref)} on ${ref.on} (round ${after.round}). The HR specialist records the career appointment next.`,
    }),
  ],
  QrbCaseDisapproved: (e, _b, after, ref) => {
    const { resubmitBy } = e.data;
    const decided = notice(ref, {
      kind: 'qrb.disapproved',
      to: recipients(submitter(after), person(after.submission?.selectingOfficialId)),
      subject: `${Name(ref)}: disapproved by the board`,
      body:
        `The board disapproved ${name(ref)} on ${ref.on} (round ${after.round}). ` +
        (resubmitBy
          ? `The HR specialist may resubmit it with revised evidence to a new board by ${resubmitBy}; otherwise the case closes.`
          : 'No resubmission remains: the case is closed.'),
      dueOn: resubmitBy,
    });
    if (!resubmitBy) return [decided];
    return [
      decided,
      notice(ref, {
        kind: 'qrb.resubmission-window-closing',
        to: submitter(after),
        subject: `${Name(ref)}: the resubmission window closes on ${resubmitBy}`,
        body: `The window to resubmit ${name(ref)} after its disapproval closes on ${resubmitBy}. Resubmit it with revised evidence by then, or the case closes as disapproved.`,
        dueOn: resubmitBy,
        notBefore: latest(addDays(resubmitBy, -QRB_WINDOW_CLOSING_REMINDER_DAYS), ref.on),
        cancelledBy: ['QrbCaseResubmitted', 'QrbCaseWithdrawn', 'QrbCaseClosed'],
      }),
    ];
  },
  QrbCaseResubmitted: (e, _b, _a, ref) => [
    notice(ref, {
      kind: 'qrb.resubmitted',
      to: everyone('opm-qrb-staff'),
      subject: `${Name(ref)}: resubmitted, a new board is to be convened`,
      body: `${Name(ref)} was resubmitted to OPM on ${ref.on} with revised evidence (round ${e.data.round}). Convene a new board to review it.`,
    }),
  ],
  QrbCaseWithdrawn: (_e, before, after, ref) => [
    notice(ref, {
      kind: 'qrb.withdrawn',
      to: recipients(submitter(after), sittingBoard(before)),
      subject: `${Name(ref)}: withdrawn`,
      body: `${Name(ref)} was withdrawn by the agency on ${ref.on}. Nothing further is due on it; board members no longer vote on it.`,
    }),
  ],
  QrbCasePlacedOnHold: (_e, before, after, ref) => [
    notice(ref, {
      kind: 'qrb.on-hold',
      to: recipients(submitter(after), sittingBoard(before)),
      subject: `${Name(ref)}: on hold`,
      body: `OPM placed ${name(ref)} on hold on ${ref.on} during an agency-head transition. No votes are taken while it is on hold; OPM releases or returns it.`,
    }),
  ],
  // The sitting board is told of the release too: its members vote again.
  QrbHoldReleased: (_e, _b, after, ref) => {
    const voting = after.status === 'BOARD_CONVENED' && pendingVoters(after).length > 0;
    return [
      notice(ref, {
        kind: 'qrb.hold-released',
        to: recipients(submitter(after), sittingBoard(after)),
        subject: `${Name(ref)}: hold released`,
        body: `OPM released the hold on ${name(ref)} on ${ref.on}; the case is back at ${after.status}. ${
          voting ? 'Board members who have not voted rate every ECQ now.' : 'The case moves on from where it was held.'
        }`,
      }),
    ];
  },
  QrbCaseReturnedUnderHold: (_e, before, after, ref) => [
    notice(ref, {
      kind: 'qrb.returned-under-hold',
      to: recipients(submitter(after), sittingBoard(before)),
      subject: `${Name(ref)}: returned without a decision`,
      body: `OPM returned ${name(ref)} to the agency on ${ref.on}, without a decision, after an agency-head transition. The case is closed; board members no longer vote on it.`,
    }),
  ],
  QrbAppointmentRecorded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'qrb.appointment-recorded',
      to: recipients(submitter(after), person(e.data.appointment.recordedBy)),
      subject: `${Name(ref)}: appointment ${e.data.appointment.appointmentId} recorded`,
      body: `The career appointment ${e.data.appointment.appointmentId} from ${name(ref)} was recorded on ${ref.on}, effective ${e.data.appointment.effectiveDate}. Its probationary period and onboarding program start from it.`,
    }),
  ],
  QrbCaseClosed: (e, before, after, ref) => [
    notice(ref, {
      kind: 'qrb.closed',
      to: submitter(after),
      subject: `${Name(ref)}: closed`,
      body:
        e.data.reason === 'resubmission-window-expired'
          ? `${Name(ref)} closed on ${ref.on}: the resubmission window${before.resubmitBy ? ` ended ${before.resubmitBy}` : ' ended'} without a resubmission. Nothing further is due on it.`
          : `${Name(ref)} closed on ${ref.on}: the resubmitted case was disapproved and no further resubmission is taken. Nothing further is due on it.`,
    }),
  ],
};

/** The notices of one QRB event (stream `qrb-<caseId>`). */
export const qrbNotices = (event: QrbEvent, before: QrbState, after: QrbState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'qrb-', after.caseId);
  return runTable(QRB_NOTICES, event, before, after, { caseId, casePath: `/qrb-cases/${caseId}`, agency: qrbAgency(after) ?? qrbAgency(before) });
};
