import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { ActorSchema, PersonIdSchema } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const PriorTenureSchema = z.enum(['career', 'career-conditional', 'none']);
export type PriorTenure = z.infer<typeof PriorTenureSchema>;

/**
 * What an HR specialist files to open the probationary period of an initial career
 * SES appointment (SES-RULES §4): the body of `ses probation start` and POST /probation-cases.
 */
export const ProbationStartSchema = z.object({
  /** The appointment's id, e.g. "EX-1042-1": ids only, no personal data. */
  caseId: CaseIdSchema,
  executiveId: PersonIdSchema,
  agency: AgencyCodeSchema,
  /** Effective date of the initial career SES appointment: day 1 of the period. */
  appointmentEffectiveDate: z.iso.date(),
  /** The QRB criterion the executive was certified under. */
  criterion: z.enum(['A', 'B', 'C']),
  /** Criterion C only: the development activities promised to the QRB, which the assessment must address (317.503(b)). */
  developmentActivities: z.array(text(500)).max(20).optional(),
  /** Tenure held just before entering the SES: decides placement rights on a removal for performance. */
  priorTenure: PriorTenureSchema,
  supervisorId: PersonIdSchema,
  appointingAuthorityId: PersonIdSchema,
  /** The HR specialist who starts the case (must be the actor). */
  startedBy: PersonIdSchema,
});
export type ProbationStart = z.infer<typeof ProbationStartSchema>;

export const RemovalGroundSchema = z.enum(['performance', 'misconduct', 'pre-appointment-conditions']);
export type RemovalGround = z.infer<typeof RemovalGroundSchema>;

/**
 * Why the probationer was in nonpay status (317.503): military duty and compensable injury count
 * toward the period and never extend it; other nonpay counts up to the policy's days, then extends it.
 */
export const NonpayKindSchema = z.enum(['military-duty', 'compensable-injury', 'other']);
export type NonpayKind = z.infer<typeof NonpayKindSchema>;

/**
 * The removal-only exceptions to the moratorium (5 CFR 359.406(c)): the probationer committed a
 * crime for which imprisonment may be imposed, or their retention is a threat to others or to
 * government property, or jeopardizes the agency's legitimate interests.
 */
export const MoratoriumExceptionGroundSchema = z.enum(['crime-punishable-by-imprisonment', 'retention-jeopardizes-government']);
export type MoratoriumExceptionGround = z.infer<typeof MoratoriumExceptionGroundSchema>;

export const LeadershipChangeTriggerSchema = z.enum(['new-agency-head', 'new-noncareer-supervisor']);

/** The actions people take on a probation case, as bodies `{type, ...payload}`. */
export const ProbationActionSchema = z.discriminatedUnion('type', [
  /** HR specialist: a period in nonpay status, both days inclusive. */
  z.object({
    type: z.literal('RecordNonpayPeriod'),
    from: z.iso.date(),
    to: z.iso.date(),
    /** Absent: other nonpay (leave without pay, suspension). */
    kind: NonpayKindSchema.optional(),
  }),
  /** HR specialist: transfer to another agency's SES; the clock keeps running. */
  z.object({
    type: z.literal('RecordTransfer'),
    toAgency: AgencyCodeSchema,
    effectiveDate: z.iso.date(),
    supervisorId: PersonIdSchema,
    appointingAuthorityId: PersonIdSchema,
  }),
  /** HR specialist: a new agency head, or a new noncareer supervisor with removal authority (5 CFR 359.406). */
  z.object({
    type: z.literal('RecordLeadershipChange'),
    trigger: LeadershipChangeTriggerSchema,
    effectiveDate: z.iso.date(),
    /** For a new noncareer supervisor: whether they can remove the probationer (only then the moratorium runs). */
    removalAuthority: z.boolean().optional(),
  }),
  /** The case's supervisor: the assessment of performance during probation. */
  z.object({
    type: z.literal('SubmitAssessment'),
    conclusion: z.enum(['meets-level-of-excellence', 'does-not-meet']),
    summary: text(20_000),
    /** Criterion C: every promised development activity, as listed at the start. */
    developmentActivitiesAddressed: z.array(text(500)).max(20).optional(),
  }),
  /** The case's appointing authority: written certification (317.503(a)). */
  z.object({ type: z.literal('CertifyProbation'), statement: text(4_000) }),
  /** The case's appointing authority: takes back a certification given early, while the period still runs. */
  z.object({ type: z.literal('RescindCertification'), reason: text(4_000) }),
  /** The case's appointing authority: written notice of removal (5 CFR 359 subpart D). */
  z.object({
    type: z.literal('ProposeRemoval'),
    ground: RemovalGroundSchema,
    /** The day the written notice was given. */
    noticeDate: z.iso.date(),
    /** The day the removal takes effect: after the notice. */
    effectiveDate: z.iso.date(),
    reasons: text(20_000),
    /** Conditions arising before the appointment (359.404): the last day to reply, after the notice and before the effective date. */
    replyBy: z.iso.date().optional(),
    /**
     * A removal taking effect within a leadership moratorium (5 CFR 359.406(c)-(d)): the notice gives
     * the exception's reasons and at least 7 days, through contestBy, to contest it.
     */
    moratoriumException: z.object({ ground: MoratoriumExceptionGroundSchema, reasons: text(20_000), contestBy: z.iso.date() }).optional(),
  }),
  /** The case's appointing authority: decides the moratorium exception after the contest window, at or before the effective date. */
  z.object({ type: z.literal('DecideMoratoriumException'), upheld: z.boolean(), reasons: text(20_000) }),
  /** The case's appointing authority: withdraws a proposed removal. */
  z.object({ type: z.literal('WithdrawRemoval'), reason: text(4_000) }),
]);
export type ProbationAction = z.infer<typeof ProbationActionSchema>;

type Actor = z.infer<typeof ActorSchema>;

/** Who and when; daysIn: 'UTC' for a case started before days were the agency's (domain/agencyTimeZones.ts commandDateOf). */
type Sent = { at: string; actor: Actor; daysIn?: 'UTC' };

/** Every command: the start, each action with who and when, and the timers' system commands. */
export type ProbationCommand =
  | ({ type: 'StartProbation'; start: ProbationStart; policyVersion?: string } & Sent)
  | (ProbationAction & Sent)
  /** Timer: a certification reminder `daysBeforeEnd` days before the end date. */
  | ({ type: 'SendCertificationReminder'; daysBeforeEnd: number } & Sent)
  /** Timer: the end date has passed. */
  | ({ type: 'ReachProbationEnd' } & Sent)
  /** Timer: a proposed removal's effective date has come. */
  | ({ type: 'EffectRemoval' } & Sent);
