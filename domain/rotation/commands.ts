import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { ActorSchema, PersonIdSchema } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** The participant as the home agency's HR specialist records them on the cohort call: ids and facts, no names. */
export const RotationParticipantSchema = z.object({
  id: PersonIdSchema,
  homeAgency: AgencyCodeSchema,
  /** e.g. "GS-15" or "GM-15"; the pilot's eligible grades are a policy parameter. */
  grade: z.string().regex(/^[A-Z]{2}-\d{1,2}$/, 'must be a pay plan and grade such as "GS-15"'),
  /** Career or career-conditional tenure. */
  careerTenure: z.boolean(),
  monthsFullTimeService: z.number().int().min(0).max(720),
  /**
   * Summary levels of the rating pattern the last rating was given on (5 CFR 430.208(d)): 2 (pass/fail)
   * to 5. Absent: five levels.
   */
  ratingLevels: z.number().int().min(2).max(5).optional(),
  /** Last rating of record on that pattern, 1 (unsatisfactory) up to its top level; on five levels 4 = exceeds fully successful. */
  lastRatingLevel: z.number().int().min(1).max(5),
});
export type RotationParticipant = z.infer<typeof RotationParticipantSchema>;

/**
 * What the home agency's HR specialist files to open one participant's case on the
 * cohort call: the body of `ses rotation start` and POST /rotation-cases.
 */
export const RotationStartSchema = z.object({
  /** e.g. "ROT-2026-0007": ids only, no personal data. */
  caseId: CaseIdSchema,
  /** The cohort, e.g. "PMC-IRP-2026-C1". */
  cohortId: CaseIdSchema,
  participant: RotationParticipantSchema,
  /** The home agency's HR specialist who opens the case (must be the actor). */
  startedBy: PersonIdSchema,
});
export type RotationStart = z.infer<typeof RotationStartSchema>;

export const SupervisorConcurrenceSchema = z.object({ supervisorId: PersonIdSchema, concurredOn: z.iso.date() });

/** Terms of the home/host agreement (SES-RULES §3: [U] for PMC, so data, not code). Both sides sign the same terms. */
export const AgreementTermsSchema = z.object({
  /** The PMF-style default is non-reimbursable: the home agency keeps paying salary. */
  reimbursable: z.boolean(),
  /** Which agency sets goals and appraises the participant during the rotation. */
  appraisingAgency: z.enum(['home', 'host']),
  dutyStation: text(200).optional(),
});
export type AgreementTerms = z.infer<typeof AgreementTermsSchema>;

export const EvaluationOutcomeSchema = z.enum(['objectives-met', 'objectives-partially-met', 'objectives-not-met']);

/** The actions people take on a rotation case, as bodies `{type, ...payload}`. */
export const RotationActionSchema = z.discriminatedUnion('type', [
  /** The participant (role employee): resume and the ECQs the rotation should develop. */
  z.object({
    type: z.literal('SubmitStatementOfInterest'),
    resume: text(12_000),
    /** ECQ ids of the case's policy framework, 1-5, no repeats. */
    targetEcqs: z.array(z.string().min(1).max(100)).min(1).max(5),
    statement: text(4_000).optional(),
  }),
  /** A home-agency official, with the home supervisor's concurrence; eligibility is checked here. */
  z.object({ type: z.literal('NominateParticipant'), supervisorConcurrence: SupervisorConcurrenceSchema }),
  /** The OPM rotation team or a host-agency official: the host assignment. */
  z.object({
    type: z.literal('MatchHost'),
    hostAgency: AgencyCodeSchema,
    hostSupervisorId: PersonIdSchema,
    assignmentTitle: text(200),
  }),
  /** The participant declines the match; the case goes back to awaiting a match. */
  z.object({ type: z.literal('DeclineMatch'), reason: text(2_000) }),
  /** A home- or host-agency official signs for their side; both sides sign the same terms. */
  z.object({ type: z.literal('SignAgreement'), terms: AgreementTermsSchema }),
  /** A home- or host-agency official: the rotation starts on startDate (not in the past). */
  z.object({ type: z.literal('StartRotation'), startDate: z.iso.date() }),
  /** The host supervisor, once the mid-point check-in is due. */
  z.object({ type: z.literal('RecordMidpointCheckIn'), summary: text(8_000) }),
  /** A host-agency official, with the home agency official's consent; total extension within the policy maximum. */
  z.object({
    type: z.literal('ExtendRotation'),
    months: z.number().int().min(1).max(12),
    homeOfficialConsent: z.object({ officialId: PersonIdSchema, consentedOn: z.iso.date() }),
    reason: text(2_000).optional(),
  }),
  /** The host supervisor, after the end of the rotation. */
  z.object({ type: z.literal('SubmitCompletionEvaluation'), outcome: EvaluationOutcomeSchema, summary: text(20_000) }),
  /** A home-agency official: the participant is back in their home position. */
  z.object({ type: z.literal('ConfirmReturnHome'), returnedOn: z.iso.date() }),
  /** A home- or host-agency official, while the rotation runs. */
  z.object({ type: z.literal('TerminateEarly'), reason: text(4_000) }),
  /** The participant, at any open step before the rotation starts. */
  z.object({ type: z.literal('Withdraw'), reason: text(4_000) }),
]);
export type RotationAction = z.infer<typeof RotationActionSchema>;

type Actor = z.infer<typeof ActorSchema>;

/** Who and when; daysIn: 'UTC' for a case started before days were the agency's (domain/agencyTimeZones.ts commandDateOf). */
type Sent = { at: string; actor: Actor; daysIn?: 'UTC' };

/** Every command: the start, each action with who and when, and the timers' system commands. */
export type RotationCommand =
  | ({ type: 'OpenRotationCase'; start: RotationStart; policyVersion?: string } & Sent)
  | (RotationAction & Sent)
  /** Timer: the mid-point of the current period has come. */
  | ({ type: 'MarkMidpointCheckInDue' } & Sent)
  /** Timer: the end date has come. */
  | ({ type: 'EndRotationPeriod' } & Sent);
