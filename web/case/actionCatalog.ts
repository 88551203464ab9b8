import type { z } from 'zod';
import { OnboardingActionSchema, type OnboardingMilestone, type OnboardingState } from '../../domain/onboarding';
import type { PendingDecision } from '../../domain/pendingDecision';
import { ProbationActionSchema, type ProbationState } from '../../domain/probation';
import type { Role } from '../../domain/roles';
import { ROTATION_PRE_START_STATUSES, RotationActionSchema, type RotationState } from '../../domain/rotation';

/** Who is deciding on the page: the person in their own roles, or as acting official under a delegation (its terms as GET /delegations/:id gives them). */
export type Acting =
  | { kind: 'self'; id: string; roles: readonly Role[] }
  | { kind: 'delegation'; id: string; delegationId: string; role: Role; from: string; approvals: readonly string[] };

/**
 * When an action is open and to whom, as each process's decider rules it
 * (domain/<process>/decide.ts): the roles that take it, the statuses it is taken in,
 * and, for a named official's decision, that person (their acting official may
 * take it too). The page offers only what these allow, so no button answers 403
 * and no one is offered another person's decision.
 */
interface ActionRule<S> {
  roles: (state: S) => readonly Role[];
  statuses: readonly string[];
  personOfRecord?: (state: S) => string | null;
  /** A further condition the decider checks first (e.g. a favourable assessment before a certification). */
  when?: (state: S) => boolean;
}

const fixed =
  (...roles: Role[]) =>
  () =>
    roles;
const OFFICIALS = fixed('home-agency-official', 'host-agency-official');

const PROBATION: Record<string, ActionRule<ProbationState>> = {
  SubmitAssessment: { roles: fixed('supervisor'), statuses: ['ON_PROBATION', 'CERTIFICATION_OVERDUE'], personOfRecord: (s) => s.supervisorId },
  CertifyProbation: {
    roles: fixed('appointing-authority'),
    statuses: ['ON_PROBATION', 'CERTIFICATION_OVERDUE'],
    personOfRecord: (s) => s.appointingAuthorityId,
    when: (s) => s.assessments.at(-1)?.conclusion === 'meets-level-of-excellence',
  },
  ProposeRemoval: { roles: fixed('appointing-authority'), statuses: ['ON_PROBATION'], personOfRecord: (s) => s.appointingAuthorityId },
  WithdrawRemoval: { roles: fixed('appointing-authority'), statuses: ['REMOVAL_PROPOSED'], personOfRecord: (s) => s.appointingAuthorityId },
  RecordNonpayPeriod: { roles: fixed('hr-specialist'), statuses: ['ON_PROBATION', 'CERTIFIED', 'REMOVAL_PROPOSED'] },
  RecordTransfer: { roles: fixed('hr-specialist'), statuses: ['ON_PROBATION', 'CERTIFIED'] },
  RecordLeadershipChange: { roles: fixed('hr-specialist'), statuses: ['ON_PROBATION', 'CERTIFIED', 'CERTIFICATION_OVERDUE', 'REMOVAL_PROPOSED'] },
};

const ONBOARDING: Record<string, ActionRule<OnboardingState>> = {
  AssignSupervisorAndMentor: { roles: fixed('hr-specialist', 'executive-resources-office'), statuses: ['IN_PROGRESS'] },
  // Each milestone has its owner; `confirmableMilestones` narrows to the ones this person may confirm.
  ConfirmMilestone: { roles: (s) => [...new Set(s.milestones.filter((m) => m.confirmation === null).map((m) => m.owner))], statuses: ['IN_PROGRESS'] },
  EndOnboarding: { roles: fixed('hr-specialist'), statuses: ['IN_PROGRESS'] },
};

const participant = (s: RotationState) => s.participant?.id ?? null;
const hostSupervisor = (s: RotationState) => s.match?.hostSupervisorId ?? null;

const ROTATION: Record<string, ActionRule<RotationState>> = {
  SubmitStatementOfInterest: { roles: fixed('employee'), statuses: ['COHORT_CALLED'], personOfRecord: participant },
  NominateParticipant: { roles: fixed('home-agency-official'), statuses: ['INTEREST_SUBMITTED'] },
  MatchHost: { roles: fixed('opm-rotation-team', 'host-agency-official'), statuses: ['NOMINATED'] },
  DeclineMatch: { roles: fixed('employee'), statuses: ['MATCHED'], personOfRecord: participant },
  SignAgreement: {
    roles: (s) => (['home', 'host'] as const).filter((side) => s.signatures[side] === null).map((side) => `${side}-agency-official` as const),
    statuses: ['MATCHED'],
  },
  StartRotation: { roles: OFFICIALS, statuses: ['AGREEMENT_SIGNED'] },
  RecordMidpointCheckIn: { roles: fixed('supervisor'), statuses: ['ROTATION_ACTIVE'], personOfRecord: hostSupervisor, when: (s) => s.midpointCheckIn === null },
  ExtendRotation: { roles: fixed('host-agency-official'), statuses: ['ROTATION_ACTIVE'] },
  SubmitCompletionEvaluation: { roles: fixed('supervisor'), statuses: ['PERIOD_ENDED'], personOfRecord: hostSupervisor },
  ConfirmReturnHome: { roles: fixed('home-agency-official'), statuses: ['EVALUATED'] },
  TerminateEarly: { roles: OFFICIALS, statuses: ['ROTATION_ACTIVE'] },
  Withdraw: { roles: fixed('employee'), statuses: ROTATION_PRE_START_STATUSES, personOfRecord: participant },
};

/** The processes whose actions go through POST /{process}-cases/:id/actions (QRB has its own decisions). */
export type ActingProcess = 'probation' | 'onboarding' | 'rotation';

const RULES: Record<ActingProcess, Record<string, ActionRule<never>>> = { probation: PROBATION, onboarding: ONBOARDING, rotation: ROTATION };

/** The server's own action schemas: each form is drawn from its variant. */
const SCHEMAS: Record<ActingProcess, { options: readonly z.ZodObject<z.ZodRawShape>[] }> = {
  probation: ProbationActionSchema as never,
  onboarding: OnboardingActionSchema as never,
  rotation: RotationActionSchema as never,
};

export const variantOf = (process: ActingProcess, type: string): z.ZodObject<z.ZodRawShape> =>
  SCHEMAS[process].options.find((option) => (option.shape.type as unknown as { value: string }).value === type)!;

/** The person whose decisions the acting person takes: themself, or the official who delegated. */
const standsFor = (acting: Acting): string => (acting.kind === 'self' ? acting.id : acting.from);

/** The role the acting person takes `type` in, or null when they may not take it here. */
const roleFor = (acting: Acting, type: string, allowed: readonly Role[]): Role | null => {
  if (acting.kind === 'delegation') return allowed.includes(acting.role) && acting.approvals.includes(type) ? acting.role : null;
  return acting.roles.find((role) => allowed.includes(role)) ?? null;
};

/** The onboarding milestones the acting person may confirm: their role's, and the supervisor's only for the assigned supervisor. */
export const confirmableMilestones = (state: OnboardingState, acting: Acting): OnboardingMilestone[] =>
  state.milestones.filter(
    (m) =>
      m.confirmation === null &&
      roleFor(acting, 'ConfirmMilestone', [m.owner]) !== null &&
      (m.owner !== 'supervisor' || state.supervisorId === standsFor(acting)),
  );

/** Whether a pending decision is the acting person's: by name, or by role when anyone in the role may take it. */
const isMine = (pending: PendingDecision, acting: Acting): boolean =>
  pending.assigneeId === null
    ? roleFor(acting, pending.action, [pending.assigneeRole]) !== null
    : pending.assigneeId === standsFor(acting) && roleFor(acting, pending.action, [pending.assigneeRole]) !== null;

export interface OfferedAction {
  type: string;
  /** The role sent as actor.role. */
  role: Role;
  /** A pending decision of this person's (listed first), with its due date. */
  pending: PendingDecision | null;
}

/**
 * The actions the acting person may take on the case at its status: their pending
 * decisions first (as the case lists them), then every other action their roles allow.
 */
export const offeredActions = (process: ActingProcess, state: { status: string }, pending: readonly PendingDecision[], acting: Acting): OfferedAction[] => {
  const offered: OfferedAction[] = [];
  for (const [type, rule] of Object.entries(RULES[process]) as [string, ActionRule<typeof state>][]) {
    if (!rule.statuses.includes(state.status) || (rule.when && !rule.when(state))) continue;
    const role = roleFor(acting, type, rule.roles(state));
    if (role === null) continue;
    if (rule.personOfRecord && rule.personOfRecord(state) !== standsFor(acting)) continue;
    if (type === 'ConfirmMilestone' && confirmableMilestones(state as OnboardingState, acting).length === 0) continue;
    offered.push({ type, role, pending: pending.find((p) => p.action === type && isMine(p, acting)) ?? null });
  }
  const order = (a: OfferedAction) => (a.pending ? pending.indexOf(a.pending) : pending.length);
  return offered.sort((a, b) => order(a) - order(b));
};
