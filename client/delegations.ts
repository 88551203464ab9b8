import {
  delegationEventVersion,
  DelegationGrantSchema,
  RevocationSchema,
  actorUnderDelegation,
  decideDelegation,
  delegationStreamName,
  evolveDelegation,
  replayDelegation,
  type DelegationCommand,
  type DelegationGrant,
  type DelegationState,
} from '../domain/delegation';
import { proposedEvent } from '../domain/eventEnvelope';
import { agencyDateOf } from '../domain/agencyTimeZones';
import { policyInForceOn } from '../domain/policyVersions';
import type { Actor, Role } from '../domain/roles';
import type { EventStore } from '../eventstore/eventStore';
import type { Principal } from './auth/principal';
import { ProblemError, domainProblem, parseInput } from './problem';
import { wallClock } from './wallClock';

/**
 * Who grants or revokes: the official of record in the delegated role, else the office
 * that may act for them (admin, executive resources); the decider refuses anyone else.
 */
const grantingActor = (principal: Principal, grant: DelegationGrant): Actor => {
  const role: Role =
    principal.id === grant.from && principal.roles.includes(grant.role)
      ? grant.role
      : ((['admin', 'executive-resources-office'] as const).find((r) => principal.roles.includes(r)) ?? principal.roles[0]!);
  return { id: principal.id, role };
};

const noSuchDelegation = (delegationId: string) => new ProblemError({ status: 404, error: 'not-found', message: `no delegation ${delegationId}` });

export { RevocationSchema } from '../domain/delegation';

/**
 * Acting officials: grants and revocations decided by domain/delegation and appended
 * straight to the delegation's own stream (no timers, so no workflow); a delegated
 * decision presents the delegation's id and gets its terms from that stream.
 */
export class Delegations {
  constructor(
    private readonly store: EventStore,
    private readonly now: () => Promise<string> = wallClock,
  ) {}

  async grant(principal: Principal, body: unknown): Promise<DelegationState> {
    const grant = parseInput(DelegationGrantSchema, body);
    const at = await this.now();
    return this.decideAndAppend(grant.delegationId, () => ({ type: 'GrantDelegation', at, actor: grantingActor(principal, grant), grant }));
  }

  async revoke(principal: Principal, delegationId: string, body: unknown): Promise<DelegationState> {
    const { reason } = parseInput(RevocationSchema, body);
    const at = await this.now();
    return this.decideAndAppend(delegationId, (state) => {
      if (state.grant === null) throw noSuchDelegation(delegationId);
      return { type: 'RevokeDelegation', at, actor: grantingActor(principal, state.grant), reason };
    });
  }

  async show(delegationId: string): Promise<DelegationState> {
    const events = await this.store.readStream(delegationStreamName(delegationId));
    if (events.length === 0) throw noSuchDelegation(delegationId);
    return replayDelegation(events);
  }

  /** The person as acting official under the delegation: its role, with its terms for the decider to check. */
  async actingOfficial(principal: Principal, delegationId: string): Promise<Actor> {
    const state = await this.show(delegationId);
    const under = actorUnderDelegation({ id: principal.id, role: state.grant!.role }, state);
    if (!under.ok) throw new ProblemError({ ...domainProblem(under.error), status: 403 });
    return under.actor;
  }

  /** One read of the stream: the command is made from the state it decides on. */
  private async decideAndAppend(delegationId: string, commandFor: (state: DelegationState) => DelegationCommand): Promise<DelegationState> {
    const stream = delegationStreamName(delegationId);
    const recorded = await this.store.readStream(stream);
    const state = replayDelegation(recorded);
    const command = commandFor(state);
    const decision = decideDelegation(state, command);
    if (!decision.ok) throw new ProblemError(domainProblem(decision.error));
    const context = {
      actor: command.actor,
      workflowId: stream,
      runId: 'no-workflow',
      correlationId: stream,
      causationId: `${command.type}-${command.at}`,
      // The decider refused a grant before the first policy; a revocation is stamped with the version of its agency's day.
      policyVersion:
        policyInForceOn(agencyDateOf(command.at, state.grant?.agency ?? (command.type === 'GrantDelegation' ? command.grant.agency : null)))?.id ?? 'none',
    };
    await this.store.append(
      stream,
      recorded.length === 0 ? 'no_stream' : recorded.at(-1)!.revision,
      decision.events.map((event) => proposedEvent(event, delegationEventVersion(event.type), context)),
    );
    return decision.events.reduce(evolveDelegation, state);
  }
}
