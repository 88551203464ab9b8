import { z } from 'zod';
import { EcqFrameworkIdSchema } from '../ecqFrameworks';
import { PersonIdSchema } from '../roles';
import { EvidenceSchema } from './evidence';
import { EcqRatingSchema, QrbAppointmentSchema, QrbBoardMemberSchema, QrbSubmissionSchema } from './commands';

export const EcqResultSchema = z.object({
  ecq: z.string(),
  meets: z.number().int().nonnegative(),
  doesNotMeet: z.number().int().nonnegative(),
  passed: z.boolean(),
});
export type EcqResult = z.infer<typeof EcqResultSchema>;

/** Every QRB event type with its current schema version and payload schema. */
export const QRB_EVENT_SCHEMAS = {
  QrbCaseSubmitted: z.object({
    submission: QrbSubmissionSchema,
    policyVersion: z.string(),
    ecqFramework: EcqFrameworkIdSchema,
  }),
  QrbBoardConvened: z.object({ convenedBy: PersonIdSchema, members: z.array(QrbBoardMemberSchema) }),
  QrbVoteCast: z.object({
    memberId: PersonIdSchema,
    ratings: z.record(z.string(), EcqRatingSchema),
    comment: z.string().optional(),
  }),
  QrbVoteReminderSent: z.object({ pendingMemberIds: z.array(PersonIdSchema).min(1) }),
  QrbCaseApproved: z.object({ ecqResults: z.array(EcqResultSchema) }),
  QrbCaseDisapproved: z.object({
    ecqResults: z.array(EcqResultSchema),
    failingEcqs: z.array(z.string()).min(1),
    /** Last day a resubmission is taken, or null when none remains. */
    resubmitBy: z.iso.date().nullable(),
  }),
  QrbCaseResubmitted: z.object({ resubmittedBy: PersonIdSchema, evidence: EvidenceSchema, round: z.number().int().min(2) }),
  QrbCaseWithdrawn: z.object({ withdrawnBy: PersonIdSchema, reason: z.string() }),
  QrbCasePlacedOnHold: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbHoldReleased: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbCaseReturnedUnderHold: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbAppointmentRecorded: z.object({ appointment: QrbAppointmentSchema }),
  QrbCaseClosed: z.object({ reason: z.enum(['disapproved-after-resubmission', 'resubmission-window-expired']) }),
} as const;

export const QRB_EVENT_SCHEMA_VERSION = 1;

export type QrbEventType = keyof typeof QRB_EVENT_SCHEMAS;

/** A QRB event as the decider emits it and evolve folds it. */
export type QrbEvent = {
  [T in QrbEventType]: { type: T; data: z.infer<(typeof QRB_EVENT_SCHEMAS)[T]>; occurredAt: string };
}[QrbEventType];

/** Validates a stored event's payload against its type's schema (ARCHITECTURE rule 5: store reads too). */
export const parseQrbEvent = (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }): QrbEvent => {
  if (!(stored.type in QRB_EVENT_SCHEMAS)) throw new Error(`unknown QRB event type "${stored.type}"`);
  if (stored.schemaVersion !== QRB_EVENT_SCHEMA_VERSION) {
    throw new Error(`${stored.type} schemaVersion ${stored.schemaVersion} has no upcaster (current is ${QRB_EVENT_SCHEMA_VERSION})`);
  }
  const schema = QRB_EVENT_SCHEMAS[stored.type as QrbEventType];
  const data = schema.parse(stored.data);
  return { type: stored.type, data, occurredAt: stored.occurredAt } as QrbEvent;
};
