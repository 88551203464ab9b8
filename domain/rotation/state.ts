import type { EcqFrameworkId } from '../ecqFrameworks';
import type { AgreementTerms, RotationParticipant } from './commands';

export type RotationStatus =
  | 'NOT_OPENED'
  /** Opened on the cohort call: awaiting the participant's statement of interest. */
  | 'COHORT_CALLED'
  /** Awaiting the home agency's nomination. */
  | 'INTEREST_SUBMITTED'
  /** Nominated: awaiting a host match (again after a declined match). */
  | 'NOMINATED'
  /** Matched: awaiting both signatures of the home/host agreement. */
  | 'MATCHED'
  /** The agreement is in force: awaiting the start. */
  | 'AGREEMENT_SIGNED'
  | 'ROTATION_ACTIVE'
  /** The end date has come: awaiting the host's completion evaluation. */
  | 'PERIOD_ENDED'
  /** Evaluated: awaiting the home agency's confirmation of the return. */
  | 'EVALUATED'
  | 'RETURNED_HOME'
  | 'TERMINATED_EARLY'
  | 'WITHDRAWN';

type Signature = { officialId: string; terms: AgreementTerms; at: string };

/** A rotation case as folded from its events: the workflow's `status` query and the auditor's replay. JSON only. */
export interface RotationState {
  status: RotationStatus;
  caseId: string | null;
  cohortId: string | null;
  policyVersion: string | null;
  ecqFramework: EcqFrameworkId | null;
  participant: RotationParticipant | null;
  openedBy: string | null;
  openedAt: string | null;
  statementOfInterest: { resume: string; targetEcqs: string[]; statement?: string; at: string } | null;
  nomination: { nominatedBy: string; supervisorConcurrence: { supervisorId: string; concurredOn: string }; at: string } | null;
  match: { matchedBy: string; hostAgency: string; hostSupervisorId: string; assignmentTitle: string; at: string } | null;
  declinedMatches: { hostAgency: string; assignmentTitle: string; reason: string; at: string }[];
  signatures: { home: Signature | null; host: Signature | null };
  /** The terms both sides signed, once in force. */
  agreement: { terms: AgreementTerms; inForceAt: string } | null;
  startDate: string | null;
  /** The day the rotation ends: startDate + rotationMonths + the extensions. */
  endDate: string | null;
  midpointDate: string | null;
  rotationMonths: number | null;
  extensionMonths: number;
  extensions: { months: number; requestedBy: string; consentedBy: string; previousEndDate: string; endDate: string; at: string }[];
  midpointDueAt: string | null;
  midpointCheckIn: { hostSupervisorId: string; summary: string; at: string } | null;
  periodEndedAt: string | null;
  evaluation: { hostSupervisorId: string; outcome: string; summary: string; at: string } | null;
  outcome:
    | { status: 'RETURNED_HOME'; at: string; by: string; returnedOn: string }
    | { status: 'TERMINATED_EARLY'; at: string; by: string; side: 'home' | 'host'; reason: string }
    | { status: 'WITHDRAWN'; at: string; by: string; reason: string; fromStatus: string }
    | null;
}

export const initialRotationState: RotationState = {
  status: 'NOT_OPENED',
  caseId: null,
  cohortId: null,
  policyVersion: null,
  ecqFramework: null,
  participant: null,
  openedBy: null,
  openedAt: null,
  statementOfInterest: null,
  nomination: null,
  match: null,
  declinedMatches: [],
  signatures: { home: null, host: null },
  agreement: null,
  startDate: null,
  endDate: null,
  midpointDate: null,
  rotationMonths: null,
  extensionMonths: 0,
  extensions: [],
  midpointDueAt: null,
  midpointCheckIn: null,
  periodEndedAt: null,
  evaluation: null,
  outcome: null,
};

export const ROTATION_TERMINAL_STATUSES: readonly RotationStatus[] = ['RETURNED_HOME', 'TERMINATED_EARLY', 'WITHDRAWN'];

export const isRotationTerminal = (state: RotationState): boolean => ROTATION_TERMINAL_STATUSES.includes(state.status);

/** Steps at which the participant may still withdraw: every open step before the rotation starts. */
export const ROTATION_PRE_START_STATUSES: readonly RotationStatus[] = ['COHORT_CALLED', 'INTEREST_SUBMITTED', 'NOMINATED', 'MATCHED', 'AGREEMENT_SIGNED'];

export const rotationStreamName = (caseId: string): string => `rotation-${caseId}`;
