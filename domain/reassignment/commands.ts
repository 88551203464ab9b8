import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { ActorSchema, PersonIdSchema } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Directed (involuntary, subject to the moratorium) or at the executive's request (voluntary: it bypasses it). */
export const ReassignmentKindSchema = z.enum(['directed', 'voluntary']);
export type ReassignmentKind = z.infer<typeof ReassignmentKindSchema>;

/** The two leadership changes that start a 120-day moratorium (5 U.S.C. 3395(e)(1)). */
export const ReassignmentTriggerSchema = z.enum(['new-agency-head', 'new-noncareer-supervisor']);
export type ReassignmentTrigger = z.infer<typeof ReassignmentTriggerSchema>;

/** The unsatisfactory final rating a reassignment follows (4314(b)(3)): an exception to the moratorium. */
export const FollowsUnsatisfactoryRatingSchema = z.object({
  /** The appraisal case that issued the rating. */
  appraisalCaseId: CaseIdSchema,
  finalRatingIssuedOn: z.iso.date(),
});
export type FollowsUnsatisfactoryRating = z.infer<typeof FollowsUnsatisfactoryRatingSchema>;

/**
 * What an HR specialist files to propose the reassignment of a senior executive to another SES
 * position in the agency (SES-RULES §6): the body of `ses reassignment start` and POST /reassignment-cases.
 * An appraisal case starts one with `followsUnsatisfactoryRating` after an unsatisfactory final rating.
 */
export const ReassignmentStartSchema = z.object({
  /** e.g. "RA-2026-0003": ids only, no personal data. */
  caseId: CaseIdSchema,
  executiveId: PersonIdSchema,
  agency: AgencyCodeSchema,
  kind: ReassignmentKindSchema,
  /** The SES position the executive is reassigned to (an id, e.g. "DOE-SES-0412"). */
  toPositionId: CaseIdSchema,
  /** Within the commuting area: 15 days' notice; outside: consultation, then 60 days' notice with reasons. */
  withinCommutingArea: z.boolean(),
  /** The official who directs the reassignment: consults and gives the written notice. */
  appointingAuthorityId: PersonIdSchema,
  /** Moratorium exception (3395(e)(2)): the reassignment follows an unsatisfactory final rating. */
  followsUnsatisfactoryRating: FollowsUnsatisfactoryRatingSchema.optional(),
  /** Moratorium exception (3395(e)(2)): the day a disciplinary action against the executive was begun; excepts clocks triggered after it. */
  disciplinaryActionBegunOn: z.iso.date().optional(),
  /** The HR specialist who starts the case (must be the actor). */
  startedBy: PersonIdSchema,
});
export type ReassignmentStart = z.infer<typeof ReassignmentStartSchema>;

/** The actions people take on a reassignment case, as bodies `{type, ...payload}`. */
export const ReassignmentActionSchema = z.discriminatedUnion('type', [
  /** The appointing authority, outside the commuting area, before the notice: the consultation (3395(a)(2)(B)(i)). */
  z.object({
    type: z.literal('RecordConsultation'),
    consultedOn: z.iso.date(),
    /** The reasons for the reassignment as discussed with the executive. */
    reasons: text(8_000),
    /** The executive's preferences as stated. */
    executivePreferences: text(8_000),
  }),
  /** The appointing authority or HR specialist: the consultation was defective; any notice is void and a new one restarts the period. */
  z.object({ type: z.literal('RecordDefectiveConsultation'), reason: text(4_000) }),
  /** The appointing authority: the written notice (with reasons outside the commuting area). */
  z.object({
    type: z.literal('IssueNotice'),
    noticeDate: z.iso.date(),
    effectiveDate: z.iso.date(),
    reasons: text(8_000).optional(),
  }),
  /** The executive: written consent to a notice shorter than 60 days (outside the commuting area only). */
  z.object({ type: z.literal('ConsentToShorterNotice'), consentedOn: z.iso.date(), statement: text(4_000) }),
  /** HR specialist: a new agency head, or a new most-immediate supervisor (noncareer and able to make the initial appraisal, or no moratorium). */
  z.object({
    type: z.literal('RecordLeadershipChange'),
    trigger: ReassignmentTriggerSchema,
    /** The day the new head or supervisor took office. */
    effectiveDate: z.iso.date(),
    /** For a new supervisor: noncareer or limited SES, Schedule C, noncareer Executive Schedule (359.406(b)). */
    noncareer: z.boolean().optional(),
    /** For a new supervisor: whether they can make the executive's initial appraisal. */
    makesInitialAppraisal: z.boolean().optional(),
  }),
  /** HR specialist: days the executive spent on detail or temporary assignment, both inclusive (they do not count toward the moratorium). */
  z.object({ type: z.literal('RecordDetail'), from: z.iso.date(), to: z.iso.date() }),
  /** HR specialist: a reassignment blocked by the moratorium gets an effective date after the block. */
  z.object({ type: z.literal('RescheduleReassignment'), effectiveDate: z.iso.date() }),
  /** The executive declines a directed reassignment: recorded, the case ends; a conduct action is the consequence (§6 "Refusal"). */
  z.object({ type: z.literal('DeclineReassignment'), reason: text(4_000) }),
  /** The appointing authority withdraws the reassignment. */
  z.object({ type: z.literal('WithdrawReassignment'), reason: text(4_000) }),
]);
export type ReassignmentAction = z.infer<typeof ReassignmentActionSchema>;

type Actor = z.infer<typeof ActorSchema>;

/** Every command: the start, each action with who and when, and the timer's system command. */
export type ReassignmentCommand =
  | { type: 'ProposeReassignment'; at: string; actor: Actor; start: ReassignmentStart; policyVersion?: string }
  | (ReassignmentAction & { at: string; actor: Actor })
  /** Timer: the start of the agency's effective day has come. */
  | { type: 'EffectReassignment'; at: string; actor: Actor };
