import type { PendingDecision } from '../pendingDecision';
import { policyById } from '../policyVersions';
import { eligibilityFailures } from './rules';
import type { Role } from '../roles';
import type { RotationState } from './state';

const anyOf = (roles: readonly Role[], action: string, note: string): PendingDecision[] =>
  roles.map((role) => ({ action, assigneeId: null, assigneeRole: role, dueOn: null, note }));

const OFFICIALS: readonly Role[] = ['home-agency-official', 'host-agency-official'];

/**
 * Who the current step of a rotation waits on (a participant the pilot's rules make
 * ineligible is nominated by nobody). Only the mid-point check-in has a
 * date in the rules (the period's mid-point); the other steps have none. Optional
 * moves (declining a match, withdrawing, extending, ending early) are nobody's duty.
 */
export const pendingRotationDecisions = (state: RotationState): PendingDecision[] => {
  const hostSupervisorId = state.match?.hostSupervisorId ?? null;
  switch (state.status) {
    case 'COHORT_CALLED':
      return [
        {
          action: 'SubmitStatementOfInterest',
          assigneeId: state.participant!.id,
          assigneeRole: 'employee',
          dueOn: null,
          note: `cohort ${state.cohortId}: resume and target ECQs`,
        },
      ];
    case 'INTEREST_SUBMITTED':
      // A nomination the pilot's rules refuse is nobody's duty: the home official's inbox shows none.
      return eligibilityFailures(state.participant!, policyById(state.policyVersion!).rotation).length > 0
        ? []
        : anyOf(['home-agency-official'], 'NominateParticipant', "nominate with the supervisor's concurrence");
    case 'NOMINATED':
      return anyOf(['opm-rotation-team', 'host-agency-official'], 'MatchHost', `match a host agency other than ${state.participant!.homeAgency}`);
    case 'MATCHED': {
      const unsigned = (['home', 'host'] as const).filter((side) => state.signatures[side] === null).map((side) => `${side}-agency-official` as const);
      return anyOf(unsigned, 'SignAgreement', `sign the home/host agreement for ${state.match!.assignmentTitle} at ${state.match!.hostAgency}`);
    }
    case 'AGREEMENT_SIGNED':
      return anyOf(OFFICIALS, 'StartRotation', 'the agreement is in force: set the start date');
    case 'ROTATION_ACTIVE':
      return state.midpointCheckIn === null
        ? [
            {
              action: 'RecordMidpointCheckIn',
              assigneeId: hostSupervisorId,
              assigneeRole: 'supervisor',
              dueOn: state.midpointDate,
              note: `mid-point check-in; the rotation ends ${state.endDate}`,
            },
          ]
        : [];
    case 'PERIOD_ENDED':
      return [
        {
          action: 'SubmitCompletionEvaluation',
          assigneeId: hostSupervisorId,
          assigneeRole: 'supervisor',
          dueOn: null,
          note: `the rotation ended ${state.endDate}: evaluate it`,
        },
      ];
    case 'EVALUATED':
      return anyOf(['home-agency-official'], 'ConfirmReturnHome', `confirm the return home (on or after ${state.endDate})`);
    default:
      return [];
  }
};
