import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { PersonIdSchema, type Actor } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Why the executive is being onboarded: a new SES appointment, or an executive moving in from another agency (SES-RULES §2). */
export const OnboardingReasonSchema = z.enum(['new-appointment', 'transfer-in']);

/**
 * What an HR specialist files to open the one-year onboarding program of a senior
 * executive (SES-RULES §2, §9): the start body of the `onboarding` process.
 */
export const OnboardingStartSchema = z.object({
  /** The appointment's id, e.g. "EX-1042-1": ids only, no personal data. */
  caseId: CaseIdSchema,
  executiveId: PersonIdSchema,
  agency: AgencyCodeSchema,
  /** Day 0 of the program: every milestone's due date counts from it. */
  appointmentEffectiveDate: z.iso.date(),
  reason: OnboardingReasonSchema.default('new-appointment'),
  /** The HR specialist who starts the program (must be the actor). */
  startedBy: PersonIdSchema,
});
export type OnboardingStart = z.infer<typeof OnboardingStartSchema>;

export const OnboardingEndReasonSchema = z.enum(['transfer', 'separation']);
export type OnboardingEndReason = z.infer<typeof OnboardingEndReasonSchema>;

/** The actions people take on an onboarding program, as bodies `{type, ...payload}`. */
export const OnboardingActionSchema = z.discriminatedUnion('type', [
  /** HR specialist or executive-resources office: the supervisor and a mentor and/or an executive coach. */
  z.object({
    type: z.literal('AssignSupervisorAndMentor'),
    supervisorId: PersonIdSchema,
    mentorId: PersonIdSchema.optional(),
    coachId: PersonIdSchema.optional(),
  }),
  /** The milestone's owner (policy): the executive-resources office, or the assigned supervisor. */
  z.object({ type: z.literal('ConfirmMilestone'), milestoneId: z.string().trim().min(1).max(64), note: text(4_000).optional() }),
  /** HR specialist: the executive transfers out or separates; the program ends. */
  z.object({ type: z.literal('EndOnboarding'), reason: OnboardingEndReasonSchema, note: text(4_000) }),
]);
export type OnboardingAction = z.infer<typeof OnboardingActionSchema>;

/** Every command: the start, each action with who and when, and the timers' system commands. */
export type OnboardingCommand =
  | { type: 'StartOnboarding'; at: string; actor: Actor; start: OnboardingStart; policyVersion?: string }
  | (OnboardingAction & { at: string; actor: Actor })
  /** Timer: a milestone's due date passed without a confirmation. */
  | { type: 'SendMilestoneReminder'; at: string; actor: Actor; milestoneId: string }
  /** Timer: `escalationAfterDays` after the reminder, still unconfirmed. */
  | { type: 'EscalateMilestone'; at: string; actor: Actor; milestoneId: string };
