import { z } from 'zod';
import { eventCatalog, type EventOf } from '../eventSchemas';
import { AgencyCodeSchema } from '../agencies';
import { PersonIdSchema } from '../roles';
import { LeadershipChangeTriggerSchema, ProbationStartSchema, RemovalGroundSchema } from './commands';

const IsoDate = z.iso.date();

export const PlacementRightSchema = z.enum(['gs-15-or-above', 'none']);
export type PlacementRight = z.infer<typeof PlacementRightSchema>;

/** Every probation event type with its payload schema, all at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const PROBATION_EVENT_SCHEMAS = {
  /** Pins the policy version; endDate is the last day of the period. */
  ProbationStarted: z.object({ start: ProbationStartSchema, policyVersion: z.string(), lengthYears: z.number().int().positive(), endDate: IsoDate }),
  ProbationNonpayRecorded: z.object({ from: IsoDate, to: IsoDate, days: z.number().int().positive(), totalNonpayDays: z.number().int().positive() }),
  /** Nonpay days beyond the counted ones push the end date day for day. */
  ProbationEndDateExtended: z.object({
    previousEndDate: IsoDate,
    endDate: IsoDate,
    extensionDays: z.number().int().positive(),
    nonpayDaysBeyondCounted: z.number().int().positive(),
  }),
  /** The clock keeps running: no restart, same end date. */
  ProbationerTransferred: z.object({
    fromAgency: AgencyCodeSchema,
    toAgency: AgencyCodeSchema,
    effectiveDate: IsoDate,
    supervisorId: PersonIdSchema,
    appointingAuthorityId: PersonIdSchema,
  }),
  /** Starts the removal moratorium: removals taking effect from effectiveDate through moratoriumUntil are blocked. */
  ProbationLeadershipChangeRecorded: z.object({
    trigger: LeadershipChangeTriggerSchema,
    agency: AgencyCodeSchema,
    effectiveDate: IsoDate,
    moratoriumUntil: IsoDate,
  }),
  ProbationCertificationReminderSent: z.object({
    daysBeforeEnd: z.number().int().positive(),
    endDate: IsoDate,
    assessmentSubmitted: z.boolean(),
    recipientIds: z.array(PersonIdSchema).min(1),
  }),
  ProbationAssessmentSubmitted: z.object({
    supervisorId: PersonIdSchema,
    conclusion: z.enum(['meets-level-of-excellence', 'does-not-meet']),
    summary: z.string(),
    developmentActivitiesAddressed: z.array(z.string()),
  }),
  /** late: given after the end date, when the case was already overdue. */
  ProbationCertified: z.object({ appointingAuthorityId: PersonIdSchema, statement: z.string(), late: z.boolean() }),
  ProbationCertificationOverdue: z.object({ endDate: IsoDate, assessmentSubmitted: z.boolean() }),
  ProbationCompleted: z.object({ endDate: IsoDate, late: z.boolean() }),
  ProbationRemovalProposed: z.object({
    proposedBy: PersonIdSchema,
    ground: RemovalGroundSchema,
    noticeDate: IsoDate,
    effectiveDate: IsoDate,
    reasons: z.string(),
    replyBy: IsoDate.optional(),
    placementRight: PlacementRightSchema,
  }),
  ProbationRemovalWithdrawn: z.object({ withdrawnBy: PersonIdSchema, reason: z.string(), blockedByMoratoriumUntil: IsoDate.optional() }),
  ProbationerRemoved: z.object({ ground: RemovalGroundSchema, effectiveDate: IsoDate, placementRight: PlacementRightSchema }),
} as const;

export const probationEvents = eventCatalog('probation', PROBATION_EVENT_SCHEMAS);

export type ProbationEventType = keyof typeof PROBATION_EVENT_SCHEMAS;

export type ProbationEvent = EventOf<typeof PROBATION_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseProbationEvent = probationEvents.parse;

/** The schema version stamped on a new probation event of that type. */
export const probationEventVersion = probationEvents.eventVersion;
