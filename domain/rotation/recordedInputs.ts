import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { RotationCommand } from './commands';
import { parseRotationEvent } from './events';

/**
 * The commands people sent to a rotation case, rebuilt from its stream. The opening
 * carries the policy version the case pinned, so a re-run decides under it.
 */
export const rotationRecordedInputs = (events: readonly RecordedInputEvent[]): RotationCommand[] =>
  personCommands(events, parseRotationEvent, (event, actor): RotationCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'RotationCaseOpened':
        return { type: 'OpenRotationCase', at, actor, start: event.data.start, policyVersion: event.data.policyVersion };
      case 'RotationStatementOfInterestSubmitted': {
        const { resume, targetEcqs, statement } = event.data;
        return { type: 'SubmitStatementOfInterest', at, actor, resume, targetEcqs, ...(statement === undefined ? {} : { statement }) };
      }
      case 'RotationParticipantNominated':
        return { type: 'NominateParticipant', at, actor, supervisorConcurrence: event.data.supervisorConcurrence };
      case 'RotationHostMatched': {
        const { hostAgency, hostSupervisorId, assignmentTitle } = event.data;
        return { type: 'MatchHost', at, actor, hostAgency, hostSupervisorId, assignmentTitle };
      }
      case 'RotationMatchDeclined':
        return { type: 'DeclineMatch', at, actor, reason: event.data.reason };
      case 'RotationAgreementSigned':
        return { type: 'SignAgreement', at, actor, terms: event.data.terms };
      case 'RotationStarted':
        return { type: 'StartRotation', at, actor, startDate: event.data.startDate };
      case 'RotationMidpointCheckInRecorded':
        return { type: 'RecordMidpointCheckIn', at, actor, summary: event.data.summary };
      case 'RotationExtended': {
        const { months, homeOfficialConsent, reason } = event.data;
        return { type: 'ExtendRotation', at, actor, months, homeOfficialConsent, ...(reason === undefined ? {} : { reason }) };
      }
      case 'RotationCompletionEvaluated':
        return { type: 'SubmitCompletionEvaluation', at, actor, outcome: event.data.outcome, summary: event.data.summary };
      case 'RotationParticipantReturnedHome':
        return { type: 'ConfirmReturnHome', at, actor, returnedOn: event.data.returnedOn };
      case 'RotationTerminatedEarly':
        return { type: 'TerminateEarly', at, actor, reason: event.data.reason };
      case 'RotationWithdrawn':
        return { type: 'Withdraw', at, actor, reason: event.data.reason };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
