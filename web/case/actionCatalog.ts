import type { z } from 'zod';
import { confirmableMilestones as confirmableBy } from '../../domain/onboarding/actionRules';
import type { OnboardingMilestone, OnboardingState } from '../../domain/onboarding/state';
import type { PendingDecision } from '../../domain/pendingDecision';
import type { ActionRule } from '../../domain/processDefinition';
import { processNamed } from '../../domain/processes';
import type { Role } from '../../domain/roles';

/** Who is deciding on the page: the person in their own roles, or as acting official under a delegation (its terms as GET /delegations/:id gives them). */
export type Acting =
  | { kind: 'self'; id: string; roles: readonly Role[] }
  | { kind: 'delegation'; id: string; delegationId: string; role: Role; from: string; approvals: readonly string[] };

/** The process of a case page (a name the registry holds: the page checks it first). */
const definitionOf = (process: string) => processNamed(process)!;

/** The server's own action schema: each form is drawn from its variant. */
export const variantOf = (process: string, type: string): z.ZodObject<z.ZodRawShape> =>
  (definitionOf(process).actionSchema as unknown as { options: readonly z.ZodObject<z.ZodRawShape>[] }).options.find(
    (option) => (option.shape.type as unknown as { value: string }).value === type,
  )!;

/** The person whose decisions the acting person takes: themself, or the official who delegated. */
const standsFor = (acting: Acting): string => (acting.kind === 'self' ? acting.id : acting.from);

/** The roles the acting person may take `type` in here: their own among the allowed, or the delegated one if it covers `type`. */
const rolesFor = (acting: Acting, type: string, allowed: readonly Role[]): Role[] => {
  if (acting.kind === 'delegation') return allowed.includes(acting.role) && acting.approvals.includes(type) ? [acting.role] : [];
  return acting.roles.filter((role) => allowed.includes(role));
};

/** The onboarding milestones the acting person may confirm (domain/onboarding/actionRules.ts), in the case's order. */
export const confirmableMilestones = (state: OnboardingState, acting: Acting): OnboardingMilestone[] => {
  const owners = [...new Set(state.milestones.map((m) => m.owner))];
  const mine = new Set(rolesFor(acting, 'ConfirmMilestone', owners).flatMap((role) => confirmableBy(state, { id: standsFor(acting), role })));
  return state.milestones.filter((m) => mine.has(m));
};

/** Whether a pending decision is the acting person's: by name, or by role when anyone in the role may take it. */
const isMine = (pending: PendingDecision, acting: Acting): boolean =>
  (pending.assigneeId === null || pending.assigneeId === standsFor(acting)) && rolesFor(acting, pending.action, [pending.assigneeRole]).length > 0;

export interface OfferedAction {
  type: string;
  /** The role sent as actor.role. */
  role: Role;
  /** A pending decision of this person's (listed first), with its due date. */
  pending: PendingDecision | null;
}

/**
 * The actions the acting person may take on the case at its status, as its process's
 * action rules say (domain/<process>/actionRules.ts): their pending decisions first (as
 * the case lists them), then every other action their roles allow.
 */
export const offeredActions = (process: string, state: { status: string }, pending: readonly PendingDecision[], acting: Acting): OfferedAction[] => {
  const offered: OfferedAction[] = [];
  for (const [type, rule] of Object.entries(definitionOf(process).actionRules as Record<string, ActionRule<typeof state>>)) {
    if (!rule.statuses.includes(state.status)) continue;
    const role = rolesFor(acting, type, rule.roles(state)).find((r) => !rule.when || rule.when(state, { id: standsFor(acting), role: r }));
    if (role === undefined) continue;
    offered.push({ type, role, pending: pending.find((p) => p.action === type && isMine(p, acting)) ?? null });
  }
  const order = (a: OfferedAction) => (a.pending ? pending.indexOf(a.pending) : pending.length);
  return offered.sort((a, b) => order(a) - order(b));
};
