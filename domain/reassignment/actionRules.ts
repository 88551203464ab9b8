import type { ActionRules } from '../processDefinition';
import type { Actor } from '../roles';
import type { ReassignmentAction } from './commands';
import type { ReassignmentState } from './state';

const theAppointingAuthority = (state: ReassignmentState, by: Actor) => by.id === state.appointingAuthorityId;
const theExecutive = (state: ReassignmentState, by: Actor) => by.id === state.executiveId;
const outside = (state: ReassignmentState) => state.withinCommutingArea === false;

/** When each reassignment action is open and to whom, as decide.ts rules it. */
export const reassignmentActionRules: ActionRules<ReassignmentState, ReassignmentAction> = {
  RecordConsultation: {
    roles: () => ['appointing-authority'],
    statuses: ['PROPOSED'],
    when: (state, by) => outside(state) && theAppointingAuthority(state, by),
  },
  RecordDefectiveConsultation: {
    roles: () => ['appointing-authority', 'hr-specialist'],
    statuses: ['CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'],
    when: (state) => state.consultation !== null,
  },
  IssueNotice: {
    roles: () => ['appointing-authority'],
    statuses: ['PROPOSED', 'CONSULTED'],
    when: (state, by) => theAppointingAuthority(state, by) && (state.status === 'CONSULTED' || !outside(state)),
  },
  // The 15-day notice within the commuting area is not waivable.
  ConsentToShorterNotice: {
    roles: () => ['executive'],
    statuses: ['PROPOSED', 'CONSULTED'],
    when: (state, by) => outside(state) && theExecutive(state, by) && state.waiver === null,
  },
  RecordLeadershipChange: { roles: () => ['hr-specialist'], statuses: ['PROPOSED', 'CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'] },
  RecordDetail: { roles: () => ['hr-specialist'], statuses: ['PROPOSED', 'CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'] },
  RescheduleReassignment: { roles: () => ['hr-specialist'], statuses: ['BLOCKED_MORATORIUM'] },
  DeclineReassignment: {
    roles: () => ['executive'],
    statuses: ['PROPOSED', 'CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'],
    when: (state, by) => state.kind === 'directed' && theExecutive(state, by),
  },
  // The executive withdraws a voluntary request of their own.
  WithdrawReassignment: {
    roles: (state) => (state.kind === 'voluntary' ? ['appointing-authority', 'executive'] : ['appointing-authority']),
    statuses: ['PROPOSED', 'CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'],
    when: (state, by) => theAppointingAuthority(state, by) || (state.kind === 'voluntary' && theExecutive(state, by)),
  },
};
