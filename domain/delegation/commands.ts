import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { PersonIdSchema, RoleSchema, type Actor } from '../roles';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Roles whose decisions an acting official may take; QRB votes and reading (auditor) stay personal. */
export const DelegableRoleSchema = RoleSchema.extract([
  'supervisor',
  'appointing-authority',
  'home-agency-official',
  'host-agency-official',
  'opm-rotation-team',
  'executive-resources-office',
]);

/** The approvals a delegation can cover: the deciders' command types taken by a named official or role. */
export const DelegableApprovalSchema = z.enum([
  'SubmitAssessment',
  'CertifyProbation',
  'ProposeRemoval',
  'WithdrawRemoval',
  'ConfirmMilestone',
  'NominateParticipant',
  'MatchHost',
  'SignAgreement',
  'StartRotation',
  'ExtendRotation',
  'RecordMidpointCheckIn',
  'SubmitCompletionEvaluation',
  'ConfirmReturnHome',
  'TerminateEarly',
]);

/** An official names an acting official for some of their approvals, for a period: the body of a grant. */
export const DelegationGrantSchema = z.object({
  /** e.g. "DEL-2026-0001": the stream's id, no personal data. */
  delegationId: CaseIdSchema,
  /** The official of record who delegates. */
  from: PersonIdSchema,
  /** The delegating official's agency: validFrom and validUntil are its days (Washington's when not given). */
  agency: AgencyCodeSchema.nullable().optional(),
  /** The acting official. */
  to: PersonIdSchema,
  role: DelegableRoleSchema,
  approvals: z.array(DelegableApprovalSchema).min(1, 'must name at least one approval').max(DelegableApprovalSchema.options.length),
  validFrom: z.iso.date(),
  /** Inclusive. */
  validUntil: z.iso.date(),
  reason: text(2_000),
});
export type DelegationGrant = z.infer<typeof DelegationGrantSchema>;

/** Ending a delegation early: why (the body of a revocation). */
export const RevocationSchema = z.object({ reason: text(2_000) });

export type DelegationCommand =
  { type: 'GrantDelegation'; at: string; actor: Actor; grant: DelegationGrant } | { type: 'RevokeDelegation'; at: string; actor: Actor; reason: string };
