import { agencyDateOf } from '../agencyTimeZones';
import { addDays } from '../calendar';
import type { PendingDecision } from '../pendingDecision';
import { policyById } from '../policyVersions';
import { pendingVoters, qrbAgency, type QrbState } from './state';

/**
 * Who must act next on a QRB case. A member's vote is due when the first reminder
 * falls due (the convening date plus `voteReminderAfterDays`): later reminders
 * repeat the request, they do not move the date. OPM's convening and the HR
 * specialist's appointment have no date in the rules.
 */
export const pendingQrbDecisions = (state: QrbState): PendingDecision[] => {
  const agencyDate = (instant: string): string => agencyDateOf(instant, qrbAgency(state));
  switch (state.status) {
    case 'SUBMITTED_TO_OPM':
      return [
        {
          action: 'ConveneQrbBoard',
          assigneeId: null,
          assigneeRole: 'opm-qrb-staff',
          dueOn: null,
          note: `convene a board for round ${state.round} (submitted ${agencyDate(state.submittedAt!)})`,
        },
      ];
    case 'BOARD_CONVENED': {
      const dueOn = addDays(agencyDate(state.convenedAt!), policyById(state.policyVersion!).qrb.voteReminderAfterDays);
      const reminders = state.remindersSent.length;
      return pendingVoters(state).map((memberId) => ({
        action: 'CastQrbVote',
        assigneeId: memberId,
        assigneeRole: 'qrb-member',
        dueOn,
        note: `rate every ECQ of ${state.ecqFramework}, round ${state.round}${reminders > 0 ? `; ${reminders} reminder(s) sent` : ''}`,
      }));
    }
    case 'ON_HOLD':
      return [
        {
          action: 'HandleAgencyHeadTransition',
          assigneeId: null,
          assigneeRole: 'opm-qrb-staff',
          dueOn: null,
          note: `on hold since ${agencyDate(state.hold!.since)}: release or return`,
        },
      ];
    case 'APPROVED':
      return [
        {
          action: 'RecordQrbAppointment',
          assigneeId: null,
          assigneeRole: 'hr-specialist',
          dueOn: null,
          note: `approved ${agencyDate(state.decision!.decidedAt)}: record the appointment`,
        },
      ];
    case 'DISAPPROVED':
      return state.resubmitBy === null
        ? []
        : [
            {
              action: 'ResubmitQrbCase',
              assigneeId: null,
              assigneeRole: 'hr-specialist',
              dueOn: state.resubmitBy,
              note: `disapproved on ${state.decision!.failingEcqs.join(', ')}: resubmit with revised evidence or let the window close`,
            },
          ];
    default:
      return [];
  }
};
