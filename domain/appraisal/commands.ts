import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { ActorSchema, PersonIdSchema } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** The executive's appointment: the transition freeze and the PRB's career majority apply to career appointees only. */
export const AppointmentTypeSchema = z.enum(['career', 'noncareer', 'limited']);
export type AppointmentType = z.infer<typeof AppointmentTypeSchema>;

/** Summary levels (430.305(a)(6)): 5 outstanding, 4 exceeds fully successful, 3 fully successful, 2 minimally satisfactory, 1 unsatisfactory. */
export const RatingLevelSchema = z
  .number()
  .int()
  .min(1, 'must be a summary level from 1 (unsatisfactory) to 5 (outstanding)')
  .max(5, 'must be a summary level from 1 (unsatisfactory) to 5 (outstanding)');
/** A summary level, 1-5. */
export type RatingLevel = number;

/** A final rating of an earlier period, as the start carries it: the mandatory-removal counts read these. */
export const PriorFinalRatingSchema = z.object({
  /** Last day of that appraisal period. */
  periodEnd: z.iso.date(),
  level: RatingLevelSchema,
});
export type PriorFinalRating = z.infer<typeof PriorFinalRatingSchema>;

/**
 * What an HR specialist files to open one executive's appraisal for one period (SES-RULES §5):
 * the body of `ses appraisal start` and POST /appraisal-cases.
 */
export const AppraisalStartSchema = z.object({
  /** e.g. "APR-FY2026-EX1042": ids only, no personal data. */
  caseId: CaseIdSchema,
  executiveId: PersonIdSchema,
  agency: AgencyCodeSchema,
  appointmentType: AppointmentTypeSchema,
  /** The agency's appraisal cycle, e.g. the fiscal year. */
  period: z.object({
    /** The cycle's name, e.g. "FY2026". */
    cycle: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, 'must be a cycle name such as "FY2026"'),
    start: z.iso.date(),
    /** Last day of the period. */
    end: z.iso.date(),
  }),
  /** The day the executive's appraisal under this plan begins when later than the period's start (entry into the position). */
  appraisedFrom: z.iso.date().optional(),
  supervisorId: PersonIdSchema,
  appointingAuthorityId: PersonIdSchema,
  /** The people the executive supervises: none of them sits on the PRB that reviews the executive's rating. */
  supervisorOf: z.array(PersonIdSchema).max(200).optional(),
  /** The day a new Presidential administration began, when it falls in or near this period (5 U.S.C. 4314(b)(1)(C)). */
  administrationBeganOn: z.iso.date().optional(),
  /** Final ratings of earlier periods: two unsatisfactory in 5 years or two below fully successful in 3 years require removal. */
  priorFinalRatings: z.array(PriorFinalRatingSchema).max(50).optional(),
  /** The HR specialist who starts the case (must be the actor). */
  startedBy: PersonIdSchema,
});
export type AppraisalStart = z.infer<typeof AppraisalStartSchema>;

/** A critical element of the plan: one of the policy's elements, by id, with its weight in whole percent. */
export const PlanElementSchema = z.object({
  element: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a critical element id such as "faithful-administration"'),
  weight: z.number().int().min(0).max(100),
  /** The performance requirements set for this element. */
  requirements: text(4_000).optional(),
});
export type PlanElement = z.infer<typeof PlanElementSchema>;

export const PrbMemberSchema = z.object({
  id: PersonIdSchema,
  /** A career SES member: more than half the panel when it reviews a career appointee (4314(c)(1)). */
  career: z.boolean(),
  /** The people this member supervises: a member never reviews the rating of someone they supervise. */
  supervisorOf: z.array(PersonIdSchema).max(200),
});
export type PrbMember = z.infer<typeof PrbMemberSchema>;

/** What the appointing authority decides after an unsatisfactory final rating (4314(b)(3); 359.501(c)). */
export const UnsatisfactoryDecisionSchema = z.enum(['reassign', 'transfer', 'remove']);
export type UnsatisfactoryDecision = z.infer<typeof UnsatisfactoryDecisionSchema>;

/** A reassignment within the SES after an unsatisfactory rating: the follow-on reassignment case it starts (SES-RULES §6). */
export const FollowOnReassignmentSchema = z.object({
  /** The reassignment case's id, e.g. "RA-2027-0004". */
  caseId: CaseIdSchema,
  /** The SES position the executive is reassigned to. */
  toPositionId: CaseIdSchema,
  withinCommutingArea: z.boolean(),
});
export type FollowOnReassignment = z.infer<typeof FollowOnReassignmentSchema>;

/**
 * The actions people take on an appraisal case, as bodies `{type, ...payload}`. There is no appeal:
 * SES ratings are not appealable (5 U.S.C. 4312(d)); the executive's recourse is the response and the higher-level review.
 */
export const AppraisalActionSchema = z.discriminatedUnion('type', [
  /** The supervisor: the performance plan, communicated on or before the period starts (4312(b)(1)). */
  z.object({ type: z.literal('CommunicatePlan'), elements: z.array(PlanElementSchema).min(1).max(10), communicatedOn: z.iso.date() }),
  /** The supervisor: a progress review held during the period. */
  z.object({ type: z.literal('RecordProgressReview'), heldOn: z.iso.date(), summary: text(20_000) }),
  /** HR specialist: a new Presidential administration began (starts the 120-day freeze on rating career appointees). */
  z.object({ type: z.literal('RecordNewAdministration'), beganOn: z.iso.date() }),
  /** The supervisor: the initial summary rating, after the period ends. */
  z.object({ type: z.literal('IssueInitialRating'), level: RatingLevelSchema, narrative: text(20_000) }),
  /** The executive: a written response, and whether they ask for a higher-level review. */
  z.object({ type: z.literal('RespondToInitialRating'), response: text(20_000), requestHigherLevelReview: z.boolean() }),
  /** A higher-level reviewer: a recommendation to the PRB; the reviewer cannot change the rating (430.308). */
  z.object({ type: z.literal('SubmitHigherLevelReview'), recommendedLevel: RatingLevelSchema, recommendation: text(20_000) }),
  /** HR specialist: the Performance Review Board panel that reviews this rating. */
  z.object({ type: z.literal('ConvenePrb'), panelId: CaseIdSchema, members: z.array(PrbMemberSchema).min(1).max(15) }),
  /** A member of the case's PRB panel: the board's written recommendation. */
  z.object({ type: z.literal('SubmitPrbRecommendation'), recommendedLevel: RatingLevelSchema, recommendation: text(20_000) }),
  /** The appointing authority: the final rating, after the PRB's recommendation (4314(c)(3)). */
  z.object({ type: z.literal('IssueFinalRating'), level: RatingLevelSchema, reasons: text(20_000) }),
  /** The appointing authority: after an unsatisfactory final rating, reassign or transfer within the SES, or remove. */
  z.object({
    type: z.literal('DecideAfterUnsatisfactoryRating'),
    decision: UnsatisfactoryDecisionSchema,
    reason: text(4_000),
    /** With "reassign": the reassignment case the appraisal starts when it closes. */
    reassignment: FollowOnReassignmentSchema.optional(),
  }),
  /** The appointing authority: written notice of removal from the SES (3592(a)(2); 359.502). */
  z.object({ type: z.literal('IssueRemovalNotice'), noticeDate: z.iso.date(), effectiveDate: z.iso.date(), basis: text(20_000) }),
  /** The executive: an informal hearing before the MSPB, no later than 15 days before the removal takes effect. */
  z.object({ type: z.literal('RequestInformalHearing'), requestedOn: z.iso.date() }),
  /** HR specialist: the case ends without a rating (e.g. the executive left, or the plan came too late: a new case appraises from a later day). */
  z.object({ type: z.literal('CancelAppraisal'), reason: text(4_000) }),
]);
export type AppraisalAction = z.infer<typeof AppraisalActionSchema>;

type Actor = z.infer<typeof ActorSchema>;

/** Every command: the start, each action with who and when, and the timers' system commands. */
export type AppraisalCommand =
  | { type: 'StartAppraisal'; at: string; actor: Actor; start: AppraisalStart; policyVersion?: string }
  | (AppraisalAction & { at: string; actor: Actor })
  /** Timer: the plan is due soon (or, at the period's start, overdue). */
  | { type: 'RemindOfPlan'; at: string; actor: Actor }
  /** Timer: no progress review by the period's midpoint. */
  | { type: 'RemindOfProgressReview'; at: string; actor: Actor }
  /** Timer: the day after the period's last day. */
  | { type: 'ReachPeriodEnd'; at: string; actor: Actor }
  /** Timer: the executive's response window closed. */
  | { type: 'CloseResponseWindow'; at: string; actor: Actor }
  /** Timer: a noticed removal's effective date has come. */
  | { type: 'EffectRemoval'; at: string; actor: Actor };
