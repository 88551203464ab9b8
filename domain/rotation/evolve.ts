import type { RotationEvent } from './events';
import type { RotationState } from './state';

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveRotation = (state: RotationState, event: RotationEvent): RotationState => {
  const at = event.occurredAt;
  switch (event.type) {
    case 'RotationCaseOpened': {
      const { start } = event.data;
      return {
        ...state,
        status: 'COHORT_CALLED',
        caseId: start.caseId,
        cohortId: start.cohortId,
        policyVersion: event.data.policyVersion,
        ecqFramework: event.data.ecqFramework,
        participant: start.participant,
        openedBy: start.startedBy,
        openedAt: at,
      };
    }
    case 'RotationStatementOfInterestSubmitted': {
      const { resume, targetEcqs, statement } = event.data;
      return { ...state, status: 'INTEREST_SUBMITTED', statementOfInterest: { resume, targetEcqs, ...(statement === undefined ? {} : { statement }), at } };
    }
    case 'RotationParticipantNominated':
      return { ...state, status: 'NOMINATED', nomination: { ...event.data, at } };
    case 'RotationHostMatched':
      return { ...state, status: 'MATCHED', match: { ...event.data, at } };
    case 'RotationMatchDeclined':
      return {
        ...state,
        status: 'NOMINATED',
        match: null,
        signatures: { home: null, host: null },
        declinedMatches: [
          ...state.declinedMatches,
          { hostAgency: event.data.hostAgency, assignmentTitle: event.data.assignmentTitle, reason: event.data.reason, at },
        ],
      };
    case 'RotationAgreementSigned': {
      const { side, signedBy, terms, inForce } = event.data;
      return {
        ...state,
        status: inForce ? 'AGREEMENT_SIGNED' : state.status,
        signatures: { ...state.signatures, [side]: { officialId: signedBy, terms, at } },
        agreement: inForce ? { terms, inForceAt: at } : state.agreement,
      };
    }
    case 'RotationStarted':
      return {
        ...state,
        status: 'ROTATION_ACTIVE',
        startDate: event.data.startDate,
        endDate: event.data.endDate,
        midpointDate: event.data.midpointDate,
        rotationMonths: event.data.rotationMonths,
      };
    case 'RotationMidpointCheckInDue':
      return { ...state, midpointDueAt: at };
    case 'RotationMidpointCheckInRecorded':
      return { ...state, midpointCheckIn: { ...event.data, at } };
    case 'RotationExtended':
      return {
        ...state,
        endDate: event.data.endDate,
        midpointDate: event.data.midpointDate,
        extensionMonths: event.data.totalExtensionMonths,
        extensions: [
          ...state.extensions,
          {
            months: event.data.months,
            requestedBy: event.data.requestedBy,
            consentedBy: event.data.homeOfficialConsent.officialId,
            previousEndDate: event.data.previousEndDate,
            endDate: event.data.endDate,
            at,
          },
        ],
      };
    case 'RotationPeriodEnded':
      return { ...state, status: 'PERIOD_ENDED', periodEndedAt: at };
    case 'RotationCompletionEvaluated':
      return { ...state, status: 'EVALUATED', evaluation: { ...event.data, at } };
    case 'RotationParticipantReturnedHome':
      return { ...state, status: 'RETURNED_HOME', outcome: { status: 'RETURNED_HOME', at, by: event.data.confirmedBy, returnedOn: event.data.returnedOn } };
    case 'RotationTerminatedEarly':
      return {
        ...state,
        status: 'TERMINATED_EARLY',
        outcome: { status: 'TERMINATED_EARLY', at, by: event.data.terminatedBy, side: event.data.side, reason: event.data.reason },
      };
    case 'RotationWithdrawn':
      return {
        ...state,
        status: 'WITHDRAWN',
        outcome: { status: 'WITHDRAWN', at, by: event.data.participantId, reason: event.data.reason, fromStatus: event.data.fromStatus },
      };
  }
};
