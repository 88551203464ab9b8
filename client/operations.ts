import { z } from 'zod';
import { PersonIdSchema, RoleSchema, type Actor } from '../domain/roles';
import type { Audit, ReplayPoint } from './audit';
import { authorize, requireRole, requireSelf, type Operation } from './auth/permissions';
import type { Principal } from './auth/principal';
import { ProblemError, parseInput } from './problem';
import type { AnyProcessCases } from './processRegistry';
import type { QrbCases } from './qrbCases';

/** The person acting in a generic `act` body; a delegation is named by id and resolved here, never taken from the body. */
const ActBodySchema = z.object({
  actor: z.strictObject({ id: PersonIdSchema, role: RoleSchema, delegationId: z.string().min(1).optional() }),
  action: z.unknown(),
});

/** The body field naming the person who acts, per QRB operation (the decider checks it against the actor). */
const QRB_ACTING_FIELD = {
  'qrb.submit': 'submittedBy',
  'qrb.convene': 'convenedBy',
  'qrb.vote': 'memberId',
  'qrb.resubmit': 'resubmittedBy',
  'qrb.withdraw': 'withdrawnBy',
  'qrb.transition': 'by',
  'qrb.appoint': 'recordedBy',
} as const;

const claimedPerson = (body: unknown, field: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined);

/**
 * Every operation of the CLI and the HTTP API as the authenticated person does it:
 * authorised by role, bound to that person, reads entered in the access log.
 * One place, so the two interfaces cannot drift apart.
 */
export class Operations {
  constructor(
    private readonly services: {
      qrb: QrbCases;
      processes: Map<string, AnyProcessCases>;
      audit: Audit;
    },
  ) {}

  /** The QRB operations that change a case: the role, then the person the body names, then the case's own rules. */
  async qrb<K extends keyof typeof QRB_ACTING_FIELD>(principal: Principal, operation: K, caseId: string | null, body: unknown): Promise<unknown> {
    authorize(principal, operation);
    const claimed = claimedPerson(body, QRB_ACTING_FIELD[operation]);
    if (typeof claimed === 'string') requireSelf(principal, claimed, QRB_ACTING_FIELD[operation]);
    const { qrb } = this.services;
    if (operation === 'qrb.submit') return qrb.submit(body);
    const id = caseId!;
    switch (operation) {
      case 'qrb.convene':
        return qrb.conveneBoard(id, body);
      case 'qrb.vote':
        return qrb.castVote(id, body);
      case 'qrb.resubmit':
        return qrb.resubmit(id, body);
      case 'qrb.withdraw':
        return qrb.withdraw(id, body);
      case 'qrb.transition':
        return qrb.agencyHeadTransition(id, body);
      default:
        return qrb.recordAppointment(id, body);
    }
  }

  async startCase(principal: Principal, process: string, body: unknown, policyVersion?: string) {
    authorize(principal, 'case.start');
    const cases = this.cases(process);
    const claimed = claimedPerson(body, 'startedBy');
    if (typeof claimed === 'string') requireSelf(principal, claimed, 'startedBy');
    return cases.start(body, policyVersion);
  }

  /** `{actor: {id, role, delegationId?}, action}`: the person acts as themself, in a role they hold or were delegated. */
  async act(principal: Principal, process: string, caseId: string, body: unknown) {
    authorize(principal, 'case.act');
    const cases = this.cases(process);
    const { actor, action } = parseInput(ActBodySchema, body);
    requireSelf(principal, actor.id, 'actor.id');
    const acting: Actor = { id: actor.id, role: actor.role };
    requireRole(principal, actor.role, 'actor.role');
    return cases.act(caseId, { actor: acting, action });
  }

  async status(principal: Principal, process: string, caseId: string): Promise<unknown> {
    authorize(principal, 'case.status');
    return process === 'qrb' ? this.services.qrb.status(caseId) : this.cases(process).status(caseId);
  }

  async auditEvents(principal: Principal, stream: string) {
    this.allow(principal, 'audit.read');
    return this.services.audit.events(stream);
  }

  async auditReplay(principal: Principal, stream: string, point: ReplayPoint) {
    this.allow(principal, 'audit.read');
    return this.services.audit.replay(stream, point);
  }

  async auditVerify(principal: Principal, stream: string) {
    this.allow(principal, 'audit.read');
    return this.services.audit.verify(stream);
  }

  private allow(principal: Principal, operation: Operation): void {
    authorize(principal, operation);
  }

  private cases(process: string): AnyProcessCases {
    const cases = this.services.processes.get(process);
    if (!cases) throw new ProblemError({ status: 404, error: 'unknown-process', message: `no process "${process}"; known: qrb, ${[...this.services.processes.keys()].join(', ')}` });
    return cases;
  }
}
