import { z } from 'zod';
import { eventCatalog, type EventOf } from '../eventSchemas';
import { CaseIdSchema } from '../agencies';
import { PersonIdSchema } from '../roles';
import {
  AppraisalStartSchema,
  FollowOnReassignmentSchema,
  PlanElementSchema,
  PrbMemberSchema,
  PriorFinalRatingSchema,
  RatingLevelSchema,
  UnsatisfactoryDecisionSchema,
} from './commands';

const IsoDate = z.iso.date();

/** Why a removal is mandatory (4314(b)(3)-(4); 359.501(d)). */
export const MandatoryRemovalBasisSchema = z.enum(['two-unsatisfactory-in-five-years', 'two-below-fully-successful-in-three-years']);
export type MandatoryRemovalBasis = z.infer<typeof MandatoryRemovalBasisSchema>;

/** Every appraisal event type with its payload schema, all at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const APPRAISAL_EVENT_SCHEMAS = {
  /**
   * Pins the policy version in force on the period's start; appraisedFrom is the first day under the plan (the period's
   * start unless the start names a later one); periodEnd its last day.
   */
  AppraisalStarted: z.object({ start: AppraisalStartSchema, policyVersion: z.string(), appraisedFrom: IsoDate, periodEnd: IsoDate }),
  AppraisalPlanCommunicated: z.object({ supervisorId: PersonIdSchema, elements: z.array(PlanElementSchema).min(1), communicatedOn: IsoDate }),
  /** overdue: sent on the day the appraisal began with no plan communicated (a late plan is refused). */
  AppraisalPlanReminderSent: z.object({ dueOn: IsoDate, overdue: z.boolean(), recipientIds: z.array(PersonIdSchema).min(1) }),
  AppraisalProgressReviewRecorded: z.object({ supervisorId: PersonIdSchema, heldOn: IsoDate, summary: z.string() }),
  /** No progress review by the period's midpoint: the supervisor is reminded (one is required before the rating). */
  AppraisalProgressReviewReminderSent: z.object({ dueOn: IsoDate, recipientIds: z.array(PersonIdSchema).min(1) }),
  /** No career appointee is rated from beganOn through freezeUntil (4314(b)(1)(C)). */
  AppraisalNewAdministrationRecorded: z.object({ beganOn: IsoDate, freezeUntil: IsoDate }),
  /** The executive's time under the plan fell short of the minimum: the period runs on until it is met (430.308(e)). */
  AppraisalPeriodExtended: z.object({
    previousPeriodEnd: IsoDate,
    periodEnd: IsoDate,
    daysUnderPlan: z.number().int().min(0),
    minimumPeriodDays: z.number().int().positive(),
  }),
  AppraisalPeriodEnded: z.object({ periodEnd: IsoDate, daysUnderPlan: z.number().int().positive() }),
  /** responseDueOn: the last day of the executive's window to respond and ask for a higher-level review. */
  AppraisalInitialRatingIssued: z.object({
    supervisorId: PersonIdSchema,
    level: RatingLevelSchema,
    narrative: z.string(),
    issuedOn: IsoDate,
    responseDueOn: IsoDate,
  }),
  AppraisalExecutiveResponded: z.object({ executiveId: PersonIdSchema, response: z.string(), higherLevelReviewRequested: z.boolean() }),
  AppraisalResponseWindowClosed: z.object({ responseDueOn: IsoDate }),
  /** A recommendation only: the initial rating stands as the supervisor gave it. */
  AppraisalHigherLevelReviewCompleted: z.object({ reviewerId: PersonIdSchema, recommendedLevel: RatingLevelSchema, recommendation: z.string() }),
  AppraisalPrbConvened: z.object({ panelId: CaseIdSchema, members: z.array(PrbMemberSchema).min(1), convenedBy: PersonIdSchema }),
  AppraisalPrbRecommended: z.object({ panelId: CaseIdSchema, writtenBy: PersonIdSchema, recommendedLevel: RatingLevelSchema, recommendation: z.string() }),
  AppraisalFinalRatingIssued: z.object({ appointingAuthorityId: PersonIdSchema, level: RatingLevelSchema, reasons: z.string(), issuedOn: IsoDate }),
  /** An unsatisfactory final rating: the appointing authority must reassign or transfer within the SES, or remove (4314(b)(3)). */
  AppraisalUnsatisfactoryDecisionRequired: z.object({ appointingAuthorityId: PersonIdSchema, options: z.array(UnsatisfactoryDecisionSchema).min(1) }),
  /** The final ratings counted (this one with the prior ones in the window) that make removal mandatory (4314(b)(3)-(4)). */
  AppraisalMandatoryRemovalRequired: z.object({ basis: MandatoryRemovalBasisSchema, countedRatings: z.array(PriorFinalRatingSchema).min(2) }),
  /** reassignment: with "reassign", the follow-on reassignment case (an exception to the moratorium, 3395(e)(2)). */
  AppraisalUnsatisfactoryDecisionMade: z.object({
    decidedBy: PersonIdSchema,
    decision: UnsatisfactoryDecisionSchema,
    reason: z.string(),
    reassignment: FollowOnReassignmentSchema.optional(),
  }),
  /** hearingRequestBy: the last day the executive may ask for an informal MSPB hearing (15 days before the effective date). */
  AppraisalRemovalNoticeIssued: z.object({
    issuedBy: PersonIdSchema,
    noticeDate: IsoDate,
    effectiveDate: IsoDate,
    basis: z.string(),
    mandatory: z.boolean(),
    hearingRequestBy: IsoDate,
  }),
  /** The hearing does not delay the removal (359.502). */
  AppraisalInformalHearingRequested: z.object({ executiveId: PersonIdSchema, requestedOn: IsoDate }),
  AppraisalExecutiveRemoved: z.object({ effectiveDate: IsoDate, mandatory: z.boolean() }),
  AppraisalCancelled: z.object({ cancelledBy: PersonIdSchema, reason: z.string() }),
} as const;

export const appraisalEvents = eventCatalog('appraisal', APPRAISAL_EVENT_SCHEMAS);

export type AppraisalEventType = keyof typeof APPRAISAL_EVENT_SCHEMAS;

export type AppraisalEvent = EventOf<typeof APPRAISAL_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseAppraisalEvent = appraisalEvents.parse;

/** The schema version stamped on a new appraisal event of that type. */
export const appraisalEventVersion = appraisalEvents.eventVersion;
