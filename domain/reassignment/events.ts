import { z } from 'zod';
import { eventCatalog, type EventOf } from '../eventSchemas';
import { PersonIdSchema } from '../roles';
import { ReassignmentStartSchema, ReassignmentTriggerSchema } from './commands';

const IsoDate = z.iso.date();

/** Why the moratorium does not hold a reassignment back (3395(e)(2); voluntary moves are outside it). */
export const MoratoriumExceptionSchema = z.enum(['voluntary', 'follows-unsatisfactory-rating', 'discipline-begun-before-trigger']);
export type MoratoriumException = z.infer<typeof MoratoriumExceptionSchema>;

/** Every reassignment event type with its payload schema, all at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const REASSIGNMENT_EVENT_SCHEMAS = {
  /** Pins the policy version and the notice the case needs. */
  ReassignmentProposed: z.object({ start: ReassignmentStartSchema, policyVersion: z.string(), requiredNoticeDays: z.number().int().positive() }),
  ReassignmentConsultationRecorded: z.object({
    consultedBy: PersonIdSchema,
    consultedOn: IsoDate,
    reasons: z.string(),
    executivePreferences: z.string(),
  }),
  /** A notice given on it is void: the consultation and the notice are given again, and the notice period restarts. */
  ReassignmentConsultationFoundDefective: z.object({ foundBy: PersonIdSchema, reason: z.string(), voidedNoticeDate: IsoDate.optional() }),
  /** noticeDays: whole days from the notice to the effective date; exceptions: why no moratorium clock holds it back. */
  ReassignmentNoticeIssued: z.object({
    issuedBy: PersonIdSchema,
    noticeDate: IsoDate,
    effectiveDate: IsoDate,
    reasons: z.string().optional(),
    noticeDays: z.number().int().nonnegative(),
    /** 0 when the executive consented in writing to a shorter notice. */
    requiredNoticeDays: z.number().int().nonnegative(),
    waivedByConsent: z.boolean(),
    exceptions: z.array(MoratoriumExceptionSchema),
  }),
  /** The executive's written consent to a shorter notice (3395(a)(2)(B)(ii)). */
  ReassignmentShorterNoticeConsented: z.object({ executiveId: PersonIdSchema, consentedOn: IsoDate, statement: z.string() }),
  /** Starts a 120-day clock for this executive: involuntary reassignments effective from effectiveDate through moratoriumUntil are blocked. */
  ReassignmentLeadershipChangeRecorded: z.object({
    trigger: ReassignmentTriggerSchema,
    effectiveDate: IsoDate,
    /** The last blocked day as recorded (detail days recorded later move it). */
    moratoriumUntil: IsoDate,
  }),
  ReassignmentDetailRecorded: z.object({ from: IsoDate, to: IsoDate, days: z.number().int().positive() }),
  /** The effective date falls within a moratorium: it cannot take effect before earliestEffectiveDate. */
  ReassignmentBlockedByMoratorium: z.object({
    effectiveDate: IsoDate,
    blockedUntil: IsoDate,
    earliestEffectiveDate: IsoDate,
    triggers: z.array(z.object({ trigger: ReassignmentTriggerSchema, effectiveDate: IsoDate, until: IsoDate })).min(1),
  }),
  ReassignmentRescheduled: z.object({ rescheduledBy: PersonIdSchema, previousEffectiveDate: IsoDate, effectiveDate: IsoDate }),
  ReassignmentEffected: z.object({ toPositionId: z.string(), effectiveDate: IsoDate }),
  /** Refusing a directed reassignment is a conduct ground (§6 "Refusal"): the case ends and the consequence is noted. */
  ReassignmentDeclined: z.object({ executiveId: PersonIdSchema, reason: z.string(), consequence: z.literal('conduct-action') }),
  ReassignmentWithdrawn: z.object({ withdrawnBy: PersonIdSchema, reason: z.string() }),
} as const;

export const reassignmentEvents = eventCatalog('reassignment', REASSIGNMENT_EVENT_SCHEMAS);

export type ReassignmentEventType = keyof typeof REASSIGNMENT_EVENT_SCHEMAS;

export type ReassignmentEvent = EventOf<typeof REASSIGNMENT_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it. */
export const parseReassignmentEvent = reassignmentEvents.parse;

/** The schema version stamped on a new reassignment event of that type. */
export const reassignmentEventVersion = reassignmentEvents.eventVersion;
