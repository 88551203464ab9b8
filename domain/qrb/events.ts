import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { EcqFrameworkIdSchema } from '../ecqFrameworks';
import { eventCatalog, payloadVersions, type EventOf } from '../eventSchemas';
import { PersonIdSchema } from '../roles';
import { EvidenceSchema } from './evidence';
import { EcqRatingSchema, QrbAppointmentSchema, QrbBoardMemberSchema, QrbSubmissionSchema, type QrbSubmission } from './commands';

export const EcqResultSchema = z.object({
  ecq: z.string(),
  meets: z.number().int().nonnegative(),
  doesNotMeet: z.number().int().nonnegative(),
  passed: z.boolean(),
});
export type EcqResult = z.infer<typeof EcqResultSchema>;

/**
 * The submission as the case records it: the command's, except that the announcement's
 * closing date is null for a case submitted before the submission window rule asked for it.
 */
export const QrbSubmissionOnRecordSchema = QrbSubmissionSchema.extend({
  position: QrbSubmissionSchema.shape.position.extend({ announcementClosedOn: z.iso.date().nullable() }),
});
export type QrbSubmissionOnRecord = z.infer<typeof QrbSubmissionOnRecordSchema>;

/** A submission as the case records it: a Criterion B case may come without a closing date, recorded as null. */
export const submissionOnRecord = (submission: QrbSubmission): QrbSubmissionOnRecord => ({
  ...submission,
  position: { ...submission.position, announcementClosedOn: submission.position.announcementClosedOn ?? null },
});

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * QrbCaseSubmitted version 1, frozen as stored. The submission window rule (d41137d) added a
 * required position.announcementClosedOn to the submission the event embeds without a new
 * version, so version 1 holds both shapes: without the date (cases submitted before that
 * release) and with it.
 */
const QrbCaseSubmittedV1 = z.object({
  submission: z.object({
    caseId: CaseIdSchema,
    candidate: z.object({ name: Text(200), agency: AgencyCodeSchema }),
    position: z.object({ title: Text(200), agency: AgencyCodeSchema, announcementClosedOn: z.iso.date().optional() }),
    criterion: z.enum(['A', 'B', 'C']),
    evidence: EvidenceSchema,
    submittedBy: PersonIdSchema,
    selectingOfficialId: PersonIdSchema,
  }),
  policyVersion: z.string(),
  ecqFramework: EcqFrameworkIdSchema,
});

/** Version 2: the closing date always present, null where version 1 had none (the date was never asked for, so none is made up). */
const QrbCaseSubmittedV2 = z.object({ submission: QrbSubmissionOnRecordSchema, policyVersion: z.string(), ecqFramework: EcqFrameworkIdSchema });

/**
 * QrbCaseDisapproved version 1, frozen as stored: the same release added a required
 * resubmitBy without a new version, so version 1 holds disapprovals with and without it.
 * Before it a disapproval was final; none of them allowed a resubmission.
 */
const QrbCaseDisapprovedV1 = z.object({
  ecqResults: z.array(EcqResultSchema),
  failingEcqs: z.array(z.string()).min(1),
  resubmitBy: z.iso.date().nullable().optional(),
});

const QrbCaseDisapprovedV2 = z.object({
  ecqResults: z.array(EcqResultSchema),
  failingEcqs: z.array(z.string()).min(1),
  /** Last day a resubmission is taken, or null when none remains. */
  resubmitBy: z.iso.date().nullable(),
});

/** Every QRB event type with its payload schema, and the versions before the current one with their upcasters. */
export const QRB_EVENT_SCHEMAS = {
  QrbCaseSubmitted: payloadVersions(QrbCaseSubmittedV1).next(QrbCaseSubmittedV2, ({ submission, ...rest }) => ({
    ...rest,
    submission: { ...submission, position: { ...submission.position, announcementClosedOn: submission.position.announcementClosedOn ?? null } },
  })),
  QrbBoardConvened: z.object({ convenedBy: PersonIdSchema, members: z.array(QrbBoardMemberSchema) }),
  QrbVoteCast: z.object({
    memberId: PersonIdSchema,
    ratings: z.record(z.string(), EcqRatingSchema),
    comment: z.string().optional(),
  }),
  QrbVoteReminderSent: z.object({ pendingMemberIds: z.array(PersonIdSchema).min(1) }),
  QrbCaseApproved: z.object({ ecqResults: z.array(EcqResultSchema) }),
  QrbCaseDisapproved: payloadVersions(QrbCaseDisapprovedV1).next(QrbCaseDisapprovedV2, (v1) => ({ ...v1, resubmitBy: v1.resubmitBy ?? null })),
  QrbCaseResubmitted: z.object({ resubmittedBy: PersonIdSchema, evidence: EvidenceSchema, round: z.number().int().min(2) }),
  QrbCaseWithdrawn: z.object({ withdrawnBy: PersonIdSchema, reason: z.string() }),
  QrbCasePlacedOnHold: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbHoldReleased: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbCaseReturnedUnderHold: z.object({ by: PersonIdSchema, reason: z.string() }),
  QrbAppointmentRecorded: z.object({ appointment: QrbAppointmentSchema }),
  QrbCaseClosed: z.object({ reason: z.enum(['disapproved-after-resubmission', 'resubmission-window-expired']) }),
} as const;

export const qrbEvents = eventCatalog('qrb', QRB_EVENT_SCHEMAS);

export type QrbEventType = keyof typeof QRB_EVENT_SCHEMAS;

/** A QRB event as the decider emits it and evolve folds it. */
export type QrbEvent = EventOf<typeof QRB_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseQrbEvent = qrbEvents.parse;

/** The schema version stamped on a new QRB event of that type. */
export const qrbEventVersion = qrbEvents.eventVersion;
