import type { ActionRules } from '../processDefinition';
import type { Actor } from '../roles';
import type { ProbationAction } from './commands';
import type { ProbationState } from './state';

const theSupervisor = (state: ProbationState, by: Actor) => by.id === state.supervisorId;
const theAppointingAuthority = (state: ProbationState, by: Actor) => by.id === state.appointingAuthorityId;

/** When each probation action is open and to whom, as decide.ts rules it. */
export const probationActionRules: ActionRules<ProbationState, ProbationAction> = {
  SubmitAssessment: { roles: () => ['supervisor'], statuses: ['ON_PROBATION', 'CERTIFICATION_OVERDUE'], when: theSupervisor },
  CertifyProbation: {
    roles: () => ['appointing-authority'],
    statuses: ['ON_PROBATION', 'CERTIFICATION_OVERDUE'],
    // A certification follows a favourable assessment.
    when: (state, by) => theAppointingAuthority(state, by) && state.assessments.at(-1)?.conclusion === 'meets-level-of-excellence',
  },
  // An early certification does not block a removal while the period runs.
  ProposeRemoval: { roles: () => ['appointing-authority'], statuses: ['ON_PROBATION', 'CERTIFIED'], when: theAppointingAuthority },
  RescindCertification: {
    roles: () => ['appointing-authority'],
    statuses: ['CERTIFIED', 'REMOVAL_PROPOSED'],
    when: (state, by) => theAppointingAuthority(state, by) && state.certification !== null,
  },
  DecideMoratoriumException: {
    roles: () => ['appointing-authority'],
    statuses: ['REMOVAL_PROPOSED'],
    when: (state, by) => theAppointingAuthority(state, by) && state.removal?.moratoriumException !== undefined && !state.removal.exceptionDecision,
  },
  WithdrawRemoval: { roles: () => ['appointing-authority'], statuses: ['REMOVAL_PROPOSED'], when: theAppointingAuthority },
  RecordNonpayPeriod: { roles: () => ['hr-specialist'], statuses: ['ON_PROBATION', 'CERTIFIED', 'REMOVAL_PROPOSED'] },
  RecordTransfer: { roles: () => ['hr-specialist'], statuses: ['ON_PROBATION', 'CERTIFIED'] },
  RecordLeadershipChange: { roles: () => ['hr-specialist'], statuses: ['ON_PROBATION', 'CERTIFIED', 'CERTIFICATION_OVERDUE', 'REMOVAL_PROPOSED'] },
};
