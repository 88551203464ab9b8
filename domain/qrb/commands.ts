import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { ActorSchema, PersonIdSchema } from '../roles';
import { EvidenceSchema } from './evidence';

/** What an HR specialist files: the body of `ses qrb submit` and POST /qrb-cases. */
export const QrbSubmissionSchema = z.object({
  caseId: CaseIdSchema,
  candidate: z.object({
    name: z.string().trim().min(1).max(200),
    agency: AgencyCodeSchema,
  }),
  position: z.object({
    title: z.string().trim().min(1).max(200),
    agency: AgencyCodeSchema,
    /** The vacancy announcement's closing date: the submission window counts from it. Criterion B (CDP graduates) has no vacancy. */
    announcementClosedOn: z.iso.date().optional(),
  }),
  criterion: z.enum(['A', 'B', 'C']),
  evidence: EvidenceSchema,
  submittedBy: PersonIdSchema,
  selectingOfficialId: PersonIdSchema,
});
export type QrbSubmission = z.infer<typeof QrbSubmissionSchema>;

export const QrbBoardMemberSchema = z.object({
  id: PersonIdSchema,
  agency: AgencyCodeSchema,
  appointment: z.enum(['career', 'noncareer', 'limited']),
  priorQrbExperience: z.boolean().default(false),
});
export type QrbBoardMember = z.infer<typeof QrbBoardMemberSchema>;

/** What OPM staff send to convene a board for a case. */
export const QrbBoardAssignmentSchema = z.object({
  convenedBy: PersonIdSchema,
  members: z.array(QrbBoardMemberSchema).min(1).max(9),
});
export type QrbBoardAssignment = z.infer<typeof QrbBoardAssignmentSchema>;

export const EcqRatingSchema = z.enum(['meets', 'does-not-meet']);

/** One member's ratings of every ECQ of the case's framework. */
export const QrbVoteSchema = z.object({
  memberId: PersonIdSchema,
  ratings: z.record(z.string(), EcqRatingSchema),
  comment: z.string().trim().max(4_000).optional(),
});
export type QrbVote = z.infer<typeof QrbVoteSchema>;

/** After a disapproval: the revised evidence, to a new board. */
export const QrbResubmissionSchema = z.object({
  resubmittedBy: PersonIdSchema,
  evidence: EvidenceSchema,
});
export type QrbResubmission = z.infer<typeof QrbResubmissionSchema>;

export const QrbWithdrawalSchema = z.object({
  withdrawnBy: PersonIdSchema,
  reason: z.string().trim().min(1).max(2_000),
});

/** OPM's handling of pending cases when an agency head leaves or arrives (5 CFR 317.502(d)). */
export const AgencyHeadTransitionSchema = z.object({
  action: z.enum(['hold', 'release', 'return']),
  by: PersonIdSchema,
  reason: z.string().trim().min(1).max(2_000),
});
export type AgencyHeadTransition = z.infer<typeof AgencyHeadTransitionSchema>;

/** The career appointment an approval allows; it starts the probationary period and onboarding. */
export const QrbAppointmentSchema = z.object({
  recordedBy: PersonIdSchema,
  /** Id of the appointment, e.g. "EX-1042-1": the probation and onboarding cases take it as theirs. */
  appointmentId: CaseIdSchema,
  executiveId: PersonIdSchema,
  effectiveDate: z.iso.date(),
  supervisorId: PersonIdSchema,
  appointingAuthorityId: PersonIdSchema,
  priorTenure: z.enum(['career', 'career-conditional', 'none']),
});
export type QrbAppointment = z.infer<typeof QrbAppointmentSchema>;

const commandBase = { at: z.iso.datetime({ offset: true }), actor: ActorSchema };

export const QrbCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('SubmitQrbCase'),
    ...commandBase,
    submission: QrbSubmissionSchema,
    /** Absent: the policy in force on `at`. Set only for what-if replay. */
    policyVersion: z.string().optional(),
  }),
  z.object({ type: z.literal('ConveneQrbBoard'), ...commandBase, assignment: QrbBoardAssignmentSchema }),
  z.object({ type: z.literal('CastQrbVote'), ...commandBase, vote: QrbVoteSchema }),
  z.object({ type: z.literal('RemindQrbVoters'), ...commandBase }),
  z.object({ type: z.literal('ResubmitQrbCase'), ...commandBase, resubmission: QrbResubmissionSchema }),
  z.object({ type: z.literal('WithdrawQrbCase'), ...commandBase, withdrawal: QrbWithdrawalSchema }),
  z.object({ type: z.literal('HandleAgencyHeadTransition'), ...commandBase, transition: AgencyHeadTransitionSchema }),
  z.object({ type: z.literal('RecordQrbAppointment'), ...commandBase, appointment: QrbAppointmentSchema }),
  /** The resubmission window ran out (a timer). */
  z.object({ type: z.literal('CloseQrbResubmissionWindow'), ...commandBase }),
]);
export type QrbCommand = z.infer<typeof QrbCommandSchema>;
