import { z } from 'zod';
import { AgencyCodeSchema } from '../agencies';
import { PersonIdSchema } from '../roles';
import { LeadershipChangeTriggerSchema, ProbationStartSchema, RemovalGroundSchema } from './commands';

const IsoDate = z.iso.date();

export const PlacementRightSchema = z.enum(['gs-15-or-above', 'none']);
export type PlacementRight = z.infer<typeof PlacementRightSchema>;

/** Every probation event type with its payload schema (schema version 1). */
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

export const PROBATION_EVENT_SCHEMA_VERSION = 1;

export type ProbationEventType = keyof typeof PROBATION_EVENT_SCHEMAS;

export type ProbationEvent = {
  [T in ProbationEventType]: { type: T; data: z.infer<(typeof PROBATION_EVENT_SCHEMAS)[T]>; occurredAt: string };
}[ProbationEventType];

/** Validates a stored event's payload against its type's schema. */
export const parseProbationEvent = (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }): ProbationEvent => {
  if (!(stored.type in PROBATION_EVENT_SCHEMAS)) throw new Error(`unknown probation event type "${stored.type}"`);
  if (stored.schemaVersion !== PROBATION_EVENT_SCHEMA_VERSION) {
    throw new Error(`${stored.type} schemaVersion ${stored.schemaVersion} has no upcaster (current is ${PROBATION_EVENT_SCHEMA_VERSION})`);
  }
  const data = PROBATION_EVENT_SCHEMAS[stored.type as ProbationEventType].parse(stored.data);
  return { type: stored.type, data, occurredAt: stored.occurredAt } as ProbationEvent;
};
