import { z } from 'zod';
import { eventCatalog, payloadVersions, type EventOf } from '../eventSchemas';
import { AgencyCodeSchema } from '../agencies';
import { PersonIdSchema } from '../roles';
import { LeadershipChangeTriggerSchema, MoratoriumExceptionGroundSchema, NonpayKindSchema, ProbationStartSchema, RemovalGroundSchema } from './commands';

const IsoDate = z.iso.date();

export const PlacementRightSchema = z.enum(['gs-15-or-above', 'none']);
export type PlacementRight = z.infer<typeof PlacementRightSchema>;

const NonpayRecordedV1 = z.object({ from: IsoDate, to: IsoDate, days: z.number().int().positive(), totalNonpayDays: z.number().int().positive() });

const RemovalProposedV1 = z.object({
  proposedBy: PersonIdSchema,
  ground: RemovalGroundSchema,
  noticeDate: IsoDate,
  effectiveDate: IsoDate,
  reasons: z.string(),
  replyBy: IsoDate.optional(),
  placementRight: PlacementRightSchema,
});

/** Every probation event type with its payload schema and versions (domain/eventSchemas.ts: how a payload changes). */
export const PROBATION_EVENT_SCHEMAS = {
  /** Pins the policy version; endDate is the last day of the period. */
  ProbationStarted: z.object({ start: ProbationStartSchema, policyVersion: z.string(), lengthYears: z.number().int().positive(), endDate: IsoDate }),
  /**
   * v2 names the kind of nonpay (317.503: military duty and compensable injury never extend the period)
   * and keeps the other nonpay's total apart; every v1 nonpay extended the period, so it was other nonpay.
   */
  ProbationNonpayRecorded: payloadVersions(NonpayRecordedV1).next(
    z.object({
      from: IsoDate,
      to: IsoDate,
      days: z.number().int().positive(),
      kind: NonpayKindSchema,
      totalNonpayDays: z.number().int().positive(),
      /** Other nonpay so far: counted up to the policy's days, each day beyond extends the period. */
      otherNonpayDays: z.number().int().min(0),
    }),
    (v1) => ({ ...v1, kind: 'other' as const, otherNonpayDays: v1.totalNonpayDays }),
  ),
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
  /** v2 may carry the moratorium exception the notice invokes (5 CFR 359.406(c)-(d)); a v1 notice invoked none. */
  ProbationRemovalProposed: payloadVersions(RemovalProposedV1).next(
    RemovalProposedV1.extend({
      moratoriumException: z.object({ ground: MoratoriumExceptionGroundSchema, reasons: z.string(), contestBy: IsoDate }).optional(),
    }),
    (v1) => v1,
  ),
  /** The decision on a moratorium exception; one not upheld withdraws the removal with it. */
  ProbationMoratoriumExceptionDecided: z.object({ decidedBy: PersonIdSchema, upheld: z.boolean(), reasons: z.string() }),
  /** A certification given before the end date, taken back while the period runs: the case is on probation again. */
  ProbationCertificationRescinded: z.object({ rescindedBy: PersonIdSchema, reason: z.string(), certifiedAt: z.string() }),
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
