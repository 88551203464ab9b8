import type { ActionRules } from '../processDefinition';
import type { Actor, Role } from '../roles';
import type { RotationAction } from './commands';
import { ROTATION_PRE_START_STATUSES, type RotationState } from './state';

const OFFICIALS = (): Role[] => ['home-agency-official', 'host-agency-official'];
const theParticipant = (state: RotationState, by: Actor) => by.id === state.participant?.id;
const theHostSupervisor = (state: RotationState, by: Actor) => by.id === state.match?.hostSupervisorId;

/** When each rotation action is open and to whom, as decide.ts rules it. */
export const rotationActionRules: ActionRules<RotationState, RotationAction> = {
  SubmitStatementOfInterest: { roles: () => ['employee'], statuses: ['COHORT_CALLED'], when: theParticipant },
  NominateParticipant: { roles: () => ['home-agency-official'], statuses: ['INTEREST_SUBMITTED'] },
  MatchHost: { roles: () => ['opm-rotation-team', 'host-agency-official'], statuses: ['NOMINATED'] },
  DeclineMatch: { roles: () => ['employee'], statuses: ['MATCHED'], when: theParticipant },
  // Each side signs once.
  SignAgreement: {
    roles: (state) => (['home', 'host'] as const).filter((side) => state.signatures[side] === null).map((side) => `${side}-agency-official` as const),
    statuses: ['MATCHED'],
  },
  StartRotation: { roles: OFFICIALS, statuses: ['AGREEMENT_SIGNED'] },
  RecordMidpointCheckIn: {
    roles: () => ['supervisor'],
    statuses: ['ROTATION_ACTIVE'],
    when: (state, by) => theHostSupervisor(state, by) && state.midpointCheckIn === null,
  },
  ExtendRotation: { roles: () => ['host-agency-official'], statuses: ['ROTATION_ACTIVE'] },
  SubmitCompletionEvaluation: { roles: () => ['supervisor'], statuses: ['PERIOD_ENDED'], when: theHostSupervisor },
  ConfirmReturnHome: { roles: () => ['home-agency-official'], statuses: ['EVALUATED'] },
  TerminateEarly: { roles: OFFICIALS, statuses: ['ROTATION_ACTIVE'] },
  Withdraw: { roles: () => ['employee'], statuses: ROTATION_PRE_START_STATUSES, when: theParticipant },
};
