import { z } from 'zod';
import { eventCatalog, payloadVersions, type EventOf } from '../eventSchemas';
import { AgencyCodeSchema } from '../agencies';
import { EcqFrameworkIdSchema } from '../ecqFrameworks';
import { PersonIdSchema } from '../roles';
import { AgreementTermsSchema, EvaluationOutcomeSchema, RotationParticipantSchema, RotationStartSchema, SupervisorConcurrenceSchema } from './commands';

const IsoDate = z.iso.date();

/** Version 1's start: the participant's last rating always on five levels. Frozen: it is what was stored. */
const RotationStartV1 = RotationStartSchema.extend({ participant: RotationParticipantSchema.omit({ ratingLevels: true }) });

/** Every rotation event type with its payload schema and versions (domain/eventSchemas.ts: how a payload changes). */
export const ROTATION_EVENT_SCHEMAS = {
  /**
   * Opened on the cohort call; pins the policy version and its ECQ framework. v2: the participant may
   * name the rating pattern of their last rating (ratingLevels); a v1 rating was on five levels, as absent says.
   */
  RotationCaseOpened: payloadVersions(z.object({ start: RotationStartV1, policyVersion: z.string(), ecqFramework: EcqFrameworkIdSchema })).next(
    z.object({ start: RotationStartSchema, policyVersion: z.string(), ecqFramework: EcqFrameworkIdSchema }),
    (v1) => v1,
  ),
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

export const rotationEvents = eventCatalog('rotation', ROTATION_EVENT_SCHEMAS);

export type RotationEventType = keyof typeof ROTATION_EVENT_SCHEMAS;

export type RotationEvent = EventOf<typeof ROTATION_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseRotationEvent = rotationEvents.parse;

/** The schema version stamped on a new rotation event of that type. */
export const rotationEventVersion = rotationEvents.eventVersion;
