import type { ActionRules } from '../processDefinition';
import type { AgencyHeadTransition } from './commands';
import type { QrbAction } from './definition';
import type { QrbState } from './state';

/** The hold, release or return the case's status allows now (a Criterion B case is never held; 5 CFR 317.502(d)). */
export const qrbTransitionsFor = (state: QrbState): AgencyHeadTransition['action'][] => {
  if (state.status === 'ON_HOLD') return ['release', 'return'];
  if ((state.status === 'SUBMITTED_TO_OPM' || state.status === 'BOARD_CONVENED') && state.submission?.criterion !== 'B') return ['hold'];
  return [];
};

/** When each QRB decision is open and to whom, as decide.ts rules it. */
export const qrbActionRules: ActionRules<QrbState, QrbAction> = {
  ConveneQrbBoard: { roles: () => ['opm-qrb-staff'], statuses: ['SUBMITTED_TO_OPM'] },
  // A member of the sitting board votes once, until the decision.
  CastQrbVote: {
    roles: () => ['qrb-member'],
    statuses: ['BOARD_CONVENED'],
    when: (state, by) => state.decision === null && state.board.some((m) => m.id === by.id) && !state.votes.some((v) => v.memberId === by.id),
  },
  HandleAgencyHeadTransition: {
    roles: () => ['opm-qrb-staff'],
    statuses: ['SUBMITTED_TO_OPM', 'BOARD_CONVENED', 'ON_HOLD'],
    when: (state) => qrbTransitionsFor(state).length > 0,
  },
  ResubmitQrbCase: { roles: () => ['hr-specialist'], statuses: ['DISAPPROVED'], when: (state) => state.resubmitBy !== null },
  RecordQrbAppointment: { roles: () => ['hr-specialist'], statuses: ['APPROVED'] },
  // Any submitted case that has not ended.
  WithdrawQrbCase: { roles: () => ['hr-specialist'], statuses: ['SUBMITTED_TO_OPM', 'BOARD_CONVENED', 'ON_HOLD', 'APPROVED', 'DISAPPROVED'] },
};
