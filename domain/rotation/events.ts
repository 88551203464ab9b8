import { z } from 'zod';
import { AgencyCodeSchema } from '../agencies';
import { EcqFrameworkIdSchema } from '../ecqFrameworks';
import { PersonIdSchema } from '../roles';
import { AgreementTermsSchema, EvaluationOutcomeSchema, RotationStartSchema, SupervisorConcurrenceSchema } from './commands';

const IsoDate = z.iso.date();

/** Every rotation event type with its payload schema (schema version 1). */
export const ROTATION_EVENT_SCHEMAS = {
  /** Opened on the cohort call; pins the policy version and its ECQ framework. */
  RotationCaseOpened: z.object({ start: RotationStartSchema, policyVersion: z.string(), ecqFramework: EcqFrameworkIdSchema }),
  RotationStatementOfInterestSubmitted: z.object({
    participantId: PersonIdSchema,
    resume: z.string(),
    targetEcqs: z.array(z.string()).min(1),
    statement: z.string().optional(),
  }),
  RotationParticipantNominated: z.object({ nominatedBy: PersonIdSchema, supervisorConcurrence: SupervisorConcurrenceSchema }),
  RotationHostMatched: z.object({ matchedBy: PersonIdSchema, hostAgency: AgencyCodeSchema, hostSupervisorId: PersonIdSchema, assignmentTitle: z.string() }),
  /** Back to awaiting a match; a partly signed agreement lapses. */
  RotationMatchDeclined: z.object({ participantId: PersonIdSchema, hostAgency: AgencyCodeSchema, assignmentTitle: z.string(), reason: z.string() }),
  /** One side's signature; inForce when both sides have signed. */
  RotationAgreementSigned: z.object({ side: z.enum(['home', 'host']), signedBy: PersonIdSchema, terms: AgreementTermsSchema, inForce: z.boolean() }),
  /** endDate = startDate + rotationMonths (the day the rotation ends); midpointDate halfway. */
  RotationStarted: z.object({ startDate: IsoDate, endDate: IsoDate, midpointDate: IsoDate, rotationMonths: z.number().int().positive() }),
  RotationMidpointCheckInDue: z.object({ midpointDate: IsoDate }),
  RotationMidpointCheckInRecorded: z.object({ hostSupervisorId: PersonIdSchema, summary: z.string() }),
  RotationExtended: z.object({
    requestedBy: PersonIdSchema,
    homeOfficialConsent: z.object({ officialId: PersonIdSchema, consentedOn: IsoDate }),
    months: z.number().int().positive(),
    totalExtensionMonths: z.number().int().positive(),
    previousEndDate: IsoDate,
    endDate: IsoDate,
    /** Moves with the end date while the check-in is not yet due. */
    midpointDate: IsoDate,
    reason: z.string().optional(),
  }),
  RotationPeriodEnded: z.object({ endDate: IsoDate }),
  RotationCompletionEvaluated: z.object({ hostSupervisorId: PersonIdSchema, outcome: EvaluationOutcomeSchema, summary: z.string() }),
  RotationParticipantReturnedHome: z.object({ confirmedBy: PersonIdSchema, returnedOn: IsoDate }),
  RotationTerminatedEarly: z.object({ side: z.enum(['home', 'host']), terminatedBy: PersonIdSchema, reason: z.string() }),
  RotationWithdrawn: z.object({ participantId: PersonIdSchema, reason: z.string(), fromStatus: z.string() }),
} as const;

export const ROTATION_EVENT_SCHEMA_VERSION = 1;

export type RotationEventType = keyof typeof ROTATION_EVENT_SCHEMAS;

export type RotationEvent = {
  [T in RotationEventType]: { type: T; data: z.infer<(typeof ROTATION_EVENT_SCHEMAS)[T]>; occurredAt: string };
}[RotationEventType];

/** Validates a stored event's payload against its type's schema. */
export const parseRotationEvent = (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }): RotationEvent => {
  if (!(stored.type in ROTATION_EVENT_SCHEMAS)) throw new Error(`unknown rotation event type "${stored.type}"`);
  if (stored.schemaVersion !== ROTATION_EVENT_SCHEMA_VERSION) {
    throw new Error(`${stored.type} schemaVersion ${stored.schemaVersion} has no upcaster (current is ${ROTATION_EVENT_SCHEMA_VERSION})`);
  }
  const data = ROTATION_EVENT_SCHEMAS[stored.type as RotationEventType].parse(stored.data);
  return { type: stored.type, data, occurredAt: stored.occurredAt } as RotationEvent;
};
