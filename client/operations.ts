import { z } from 'zod';
import { PolicyVersionIdSchema } from '../domain/policyVersions';
import { streamOf } from '../domain/processDefinition';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import { PersonIdSchema, RoleSchema, type Actor } from '../domain/roles';
import type { EventStore } from '../eventstore/eventStore';
import { AppraisalView } from './appraisalView';
import type { Audit, ReplayPoint } from './audit';
import type { AccessLog, AccessQuery } from './auditor/accessLog';
import { compareWithLive } from './auditor/compareWithLive';
import type { ExportFormat } from './auditor/exportFormat';
import { authorize, authorizeRoles, requireRole, requireSelf } from './auth/permissions';
import type { Principal } from './auth/principal';
import type { Delegations } from './delegations';
import { NotificationCursorSchema, type NotificationOutbox } from './notifications/outbox';
import { decodeCursor, limitOf, pageFrom, type PageRequest } from './paging';
import { ProblemError, parseInput } from './problem';
import type { AnyProcessCases } from './processCases';
import { processOfStream } from './processOfStream';
import { caseTimeline, type CaseTimeline } from './readModel/caseTimeline';
import type { ListCasesFilter } from './readModel/queries';
import type { ReadModel } from './readModel/readModel';

/** The person acting in a generic `act` body; a delegation is named by id and resolved here, never taken from the body. */
export const ActingPersonSchema = z.strictObject({ id: PersonIdSchema, role: RoleSchema, delegationId: z.string().min(1).optional() });
const ActBodySchema = z.object({ actor: ActingPersonSchema, action: z.unknown() });

/** What a change may say besides its body: the revision the person decided on (If-Match) and, for a start, a policy version. */
export interface ChangeOptions extends RevisionPrecondition {
  policyVersion?: string;
}

/** A decision's preconditions (If-Match), and the id its retries share (an Idempotency-Key's): the Update's id. */
export interface ActOptions extends RevisionPrecondition {
  requestId?: string;
}

/** How long a start waits for its case's first event to be durable before answering 503. */
const START_DURABLE_WITHIN_MS = 15_000;

export const REPORTS = [
  'qrb-decision-time',
  'ecq-approval-rates',
  'overdue-onboarding-milestones',
  'probations-near-end',
  'appraisal-ratings-by-level',
  'appraisal-overdue-plans',
  'appraisal-overdue-progress-reviews',
] as const;
export type ReportName = (typeof REPORTS)[number];

const policyVersionOf = ({ policyVersion }: ChangeOptions): string | undefined =>
  policyVersion === undefined ? undefined : parseInput(PolicyVersionIdSchema, policyVersion, 'policyVersion');

const preconditionOf = ({ expectedRevision }: RevisionPrecondition): RevisionPrecondition => (expectedRevision === undefined ? {} : { expectedRevision });

const claimedPerson = (body: unknown, field: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;

export interface OperationServices {
  /** Every process's cases, by name. */
  processes: Map<string, AnyProcessCases>;
  audit: Audit;
  delegations: Delegations;
  store: EventStore;
  readModel: ReadModel;
  accessLog: AccessLog;
  notifications: NotificationOutbox;
  /** The instant inbox due dates and reports are judged at (a test server's clock in tests); the access log keeps wall-clock time. */
  now: () => Promise<string>;
}

/**
 * Every operation of the CLI and the HTTP API as the authenticated person does it:
 * authorised by role, bound to that person, each read of a case entered in the
 * access log. One place, so the two interfaces cannot drift apart.
 */
export class Operations {
  /** The appraisal cycle agency-wide: PRB panels and their acts on many cases, the Level 4-5 share against the cap. */
  readonly appraisal: AppraisalView;

  constructor(private readonly services: OperationServices) {
    this.appraisal = new AppraisalView(services, this);
  }

  /** Starts a case: the process's starting role, then the person the body names, then the process's own rules. */
  async startCase(principal: Principal, process: string, body: unknown, options: ChangeOptions & Pick<ActOptions, 'requestId'> = {}) {
    const cases = this.cases(process);
    const { roles, starterField } = cases.definition;
    authorizeRoles(principal, 'case.start', roles.start);
    const claimed = claimedPerson(body, starterField);
    if (typeof claimed === 'string') requireSelf(principal, claimed, starterField);
    return this.durablyStarted(await cases.start(body, policyVersionOf(options), options.requestId));
  }

  /** An action with its own path (a QRB vote): its one role, then the person the body names, then the case's own rules. */
  async actNamed(principal: Principal, process: string, operation: string, caseId: string, body: unknown, options: ActOptions = {}) {
    const cases = this.cases(process);
    const named = cases.definition.namedActions?.find((n) => n.operation === operation);
    if (!named) throw new ProblemError({ status: 404, error: 'not-found', message: `${process} cases take no ${operation}` });
    authorizeRoles(principal, named.operation, [named.role]);
    const claimed = claimedPerson(body, named.actorField);
    if (typeof claimed === 'string') requireSelf(principal, claimed, named.actorField);
    return this.answeredIfRecorded(process, caseId, options.requestId, () =>
      cases.actNamed(caseId, operation, body, preconditionOf(options), options.requestId),
    );
  }

  /** The revision of a case's stream (-1 before its first event): a case read's ETag. */
  async caseRevision(principal: Principal, process: string, caseId: string): Promise<number> {
    this.authorizeRead(principal, process);
    return this.revisionOf(streamOf({ name: process }, caseId));
  }

  /** The revision of any stream the person may change (delegations included). */
  async revisionOf(stream: string): Promise<number> {
    return (await this.services.store.readStream(stream)).length - 1;
  }

  /**
   * `{actor: {id, role, delegationId?}, action}`: the person acts as themself, in a role
   * they hold, or as acting official under a delegation whose terms come from its stream.
   */
  async act(principal: Principal, process: string, caseId: string, body: unknown, options: ActOptions = {}) {
    authorize(principal, 'case.act');
    const cases = this.cases(process);
    const { actor, action } = parseInput(ActBodySchema, body);
    requireSelf(principal, actor.id, 'actor.id');
    let acting: Actor;
    if (actor.delegationId === undefined) {
      requireRole(principal, actor.role, 'actor.role');
      acting = { id: actor.id, role: actor.role };
    } else {
      acting = await this.services.delegations.actingOfficial(principal, actor.delegationId);
    }
    return this.answeredIfRecorded(process, caseId, options.requestId, () =>
      cases.act(caseId, { actor: acting, action }, preconditionOf(options), options.requestId),
    );
  }

  /**
   * A request sent under its id (an Idempotency-Key's) whose events an earlier run of the case
   * recorded (their causation is that id, their run is not the current one) answers with the case
   * as it stands and is not decided again: Temporal knows an update id only within one run, so
   * after the case continued as new a retry would otherwise be refused as a repeat of itself, or,
   * for an action a case takes more than once (a progress review), recorded twice. Events of the
   * current run are Temporal's to answer (a known update id) or the workflow's (after a lost task).
   */
  private async answeredIfRecorded<S>(process: string, caseId: string, requestId: string | undefined, attempt: () => Promise<S>): Promise<S> {
    if (requestId !== undefined) {
      const recorded = (await this.services.store.readStream(streamOf({ name: process }, caseId))).find((event) => event.meta.causationId === requestId);
      const cases = this.cases(process);
      if (recorded && recorded.meta.runId !== (await cases.runIdOf(caseId))) return (await cases.status(caseId)) as S;
    }
    return attempt();
  }

  async status(principal: Principal, process: string, caseId: string, purpose?: string): Promise<unknown> {
    this.authorizeRead(principal, process);
    const state = await this.cases(process).status(caseId);
    await this.disclosed(principal, 'case.status', [streamOf({ name: process }, caseId)], purpose ?? 'case work: status');
    return state;
  }

  /** A case's events (type, time, actor; never their data), who must act next and the timers ahead, folded from the store. */
  async caseTimeline(principal: Principal, process: string, caseId: string, purpose?: string): Promise<CaseTimeline> {
    this.authorizeRead(principal, process);
    const { definition } = this.cases(process);
    const stream = streamOf(definition, caseId);
    const events = await this.services.store.readStream(stream);
    if (events.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no such case: ${stream}` });
    const timeline = caseTimeline(definition, stream, events, await this.services.now());
    await this.disclosed(principal, 'case.timeline', [stream], purpose ?? 'case work: timeline');
    return timeline;
  }

  grantDelegation(principal: Principal, body: unknown) {
    authorize(principal, 'delegation.grant');
    return this.services.delegations.grant(principal, body);
  }

  revokeDelegation(principal: Principal, delegationId: string, body: unknown) {
    authorize(principal, 'delegation.revoke');
    return this.services.delegations.revoke(principal, delegationId, body);
  }

  showDelegation(principal: Principal, delegationId: string) {
    authorize(principal, 'delegation.read');
    return this.services.delegations.show(delegationId);
  }

  /** The decisions waiting on the person (by name or role) across every process, soonest due first, a page at a time. */
  async inbox(principal: Principal, page: PageRequest = {}) {
    authorize(principal, 'inbox.read');
    const readModel = await this.readModel();
    const asOf = await this.services.now();
    return { person: principal, asOf, ...readModel.inboxPage({ personId: principal.id, roles: principal.roles, asOf }, page) };
  }

  /** The cases the person started, oldest first, a page at a time. */
  async startedCases(principal: Principal, page: PageRequest = {}) {
    authorize(principal, 'inbox.read');
    return (await this.readModel()).listCasePage({ startedBy: principal.id }, page);
  }

  /** The person's notifications, newest first, a page at a time (the outbox caught up first: a person reads what their own act caused). */
  async notifications(principal: Principal, options: { unreadOnly?: boolean } = {}, page: PageRequest = {}) {
    authorize(principal, 'inbox.read');
    const { notifications, store } = this.services;
    await notifications.catchUp(store);
    const now = new Date(await this.services.now()).toISOString();
    const after = decodeCursor(page.after, NotificationCursorSchema);
    const limit = limitOf(page);
    const rows = notifications.forPerson(principal.id, now, { ...options, ...(after ? { after } : {}), limit: limit + 1 });
    const { items, next } = pageFrom(rows, limit, (n) => [n.at, n.id]);
    return {
      person: principal.id,
      unread: notifications.unreadCount(principal.id, now),
      items: items.map(({ attempts: _a, lastError: _e, ...shown }) => shown),
      next,
    };
  }

  markNotificationRead(principal: Principal, id: string) {
    authorize(principal, 'inbox.read');
    if (!this.services.notifications.markRead(principal.id, id, new Date().toISOString())) {
      throw new ProblemError({ status: 404, error: 'not-found', message: `no notification ${id} of ${principal.id}` });
    }
    return { id, read: true };
  }

  /** A person an OIDC token introduced, with the email claim notifications reach them at. */
  seen(principal: Principal): void {
    if (principal.email) this.services.notifications.rememberPerson(principal);
  }

  async report(principal: Principal, name: ReportName, withinDays?: number): Promise<unknown> {
    authorize(principal, 'reports.read');
    const readModel = await this.readModel();
    switch (name) {
      case 'qrb-decision-time':
        return readModel.timeToQrbDecision();
      case 'ecq-approval-rates':
        return readModel.ecqApprovalRates();
      case 'overdue-onboarding-milestones':
        return readModel.overdueOnboardingMilestones(await this.services.now());
      case 'probations-near-end':
        return readModel.probationsNearEnd(await this.services.now(), withinDays);
      case 'appraisal-ratings-by-level':
        return this.appraisal.ratingsByLevel();
      case 'appraisal-overdue-plans':
        return this.appraisal.overduePlans();
      case 'appraisal-overdue-progress-reviews':
        return this.appraisal.overdueProgressReviews();
    }
  }

  /** The auditor's list of cases, filtered by process, agency, status and start date (ids, codes and status only). */
  async listCases(principal: Principal, filter: ListCasesFilter, page: PageRequest = {}) {
    authorize(principal, 'audit.read');
    return (await this.readModel()).listCasePage(filter, page);
  }

  /** A stream's events, a page at a time (each page a disclosure of the case). */
  async auditEvents(principal: Principal, stream: string, purpose?: string, page: PageRequest = {}) {
    return this.auditRead(principal, 'audit.events', [stream], purpose, () => this.services.audit.eventPage(stream, page));
  }

  async auditReplay(principal: Principal, stream: string, point: ReplayPoint, purpose?: string) {
    return this.auditRead(principal, 'audit.replay', [stream], purpose, () => this.services.audit.replay(stream, point));
  }

  async auditHistory(principal: Principal, stream: string, purpose?: string) {
    return this.auditRead(principal, 'audit.history', [stream], purpose, () => this.services.audit.history(stream));
  }

  /** `checkpoint`: an auditor's own copy of the checkpoints to verify against, instead of the latest kept one. */
  async auditVerify(principal: Principal, stream: string, purpose?: string, checkpoint?: unknown) {
    return this.auditRead(principal, 'audit.verify', [stream], purpose, () => this.services.audit.verify(stream, checkpoint));
  }

  /** Every stream's chain. Hashes are checked, no case is shown: not a disclosure. */
  async auditVerifyAll(principal: Principal, onProgress?: Parameters<Audit['verifyAll']>[0], checkpoint?: unknown) {
    authorize(principal, 'audit.read');
    return this.services.audit.verifyAll(onProgress, checkpoint);
  }

  /** The signed checkpoints kept in the store, oldest first, paged. Hashes and roots only: not a disclosure. */
  async auditCheckpoints(principal: Principal, page: PageRequest = {}) {
    authorize(principal, 'audit.read');
    return this.services.audit.checkpoints.page(page);
  }

  /** Signs a checkpoint of the store now (unless nothing moved since the latest). */
  async auditCreateCheckpoint(principal: Principal) {
    authorize(principal, 'audit.read');
    const { created, anchor } = await this.services.audit.checkpoints.create();
    return { created, checkpoint: anchor.checkpoint };
  }

  /** Every kept checkpoint with its heads: the auditor's own copy, for `verify --checkpoint`. */
  async auditCheckpointCopy(principal: Principal) {
    authorize(principal, 'audit.read');
    return this.services.audit.checkpoints.copy();
  }

  /** The replayed state against the workflow's live answer for the same case. */
  async auditCompare(principal: Principal, stream: string, purpose?: string) {
    return this.auditRead(principal, 'audit.compare', [stream], purpose, async () => {
      const replayed = await this.services.audit.replay(stream); // a 404 for a stream of no process
      const { name } = processOfStream(stream)!;
      const live = await this.cases(name).status(stream.slice(name.length + 1));
      return { stream, revision: replayed.revision, ...compareWithLive(replayed.state, live) };
    });
  }

  async auditWhatIf(principal: Principal, stream: string, policyVersion: string, until?: string, purpose?: string) {
    return this.auditRead(principal, 'audit.what-if', [stream], purpose, () => this.services.audit.whatIf(stream, policyVersion, until));
  }

  /** Named streams, or every case the filter lists, as JSON Lines or CSV with their hash chains: lines read from the store as they are taken. */
  async auditExport(principal: Principal, selection: { streams?: string[]; filter?: ListCasesFilter }, format: ExportFormat, purpose?: string) {
    authorize(principal, 'audit.read');
    const streams = selection.streams?.length ? selection.streams : (await this.readModel()).listCases(selection.filter ?? {}).map((c) => c.stream);
    if (streams.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: 'no case matches the filter: nothing to export' });
    return this.auditRead(principal, 'audit.export', streams, purpose, () => this.services.audit.exportLines(streams, format));
  }

  /** The accounting of disclosures for one case: who read or exported it, when and why, a page at a time. */
  accessLogFor(principal: Principal, stream: string, page: PageRequest = {}) {
    authorize(principal, 'audit.access-log');
    return this.services.accessLog.forStream(stream, page);
  }

  /** The accounting of disclosures across cases, by person and/or time range, a page at a time. */
  accessLog(principal: Principal, query: AccessQuery, page: PageRequest = {}) {
    authorize(principal, 'audit.access-log');
    return this.services.accessLog.list(query, page);
  }

  /**
   * An auditor's read of cases: authorised, then read, then entered in the access
   * log before the answer leaves (a failed read disclosed nothing). It must say why.
   */
  private async auditRead<T>(principal: Principal, action: string, streams: string[], purpose: string | undefined, read: () => Promise<T>): Promise<T> {
    authorize(principal, 'audit.read');
    if (!purpose?.trim()) {
      throw new ProblemError({
        status: 400,
        error: 'purpose-required',
        message: 'say why you read this record (CLI --purpose, HTTP X-Purpose header or ?purpose=): the Privacy Act accounting of disclosures records it',
        issues: [{ field: 'purpose', rule: 'required', message: 'the purpose of the disclosure is required' }],
      });
    }
    const result = await read();
    await this.disclosed(principal, action, streams, purpose);
    return result;
  }

  /** Durable in the store before the answer leaves: the law requires the accounting. */
  private async disclosed(principal: Principal, action: string, streams: string[], purpose: string): Promise<void> {
    await this.services.accessLog.record({ at: new Date().toISOString(), personId: principal.id, roles: principal.roles, action, streams, purpose });
  }

  /**
   * Answers a start only once the case's first event is durable, so a read right
   * after it (an audit, the inbox) sees the case; the workflow appends it at once.
   */
  private async durablyStarted<T extends { stream: string }>(started: T): Promise<T> {
    const deadline = Date.now() + START_DURABLE_WITHIN_MS;
    while ((await this.services.store.readStream(started.stream)).length === 0) {
      if (Date.now() > deadline) {
        throw new ProblemError({
          status: 503,
          error: 'case.start-not-yet-recorded',
          message: `${started.stream} was started but its first event is not recorded after ${START_DURABLE_WITHIN_MS / 1000} s; is a worker running? Read the case again later`,
          retryAfterSeconds: 5,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return started;
  }

  /** The read model, caught up with the store first: a person reads their own writes. */
  private async readModel(): Promise<ReadModel> {
    await this.services.readModel.catchUp(this.services.store);
    return this.services.readModel;
  }

  /** A 403 unless the person holds a role that reads the process's cases (404 for a process there is not). */
  private authorizeRead(principal: Principal, process: string): void {
    authorizeRoles(principal, 'case.status', this.cases(process).definition.roles.read);
  }

  private cases(process: string): AnyProcessCases {
    const cases = this.services.processes.get(process);
    if (!cases)
      throw new ProblemError({
        status: 404,
        error: 'unknown-process',
        message: `no process "${process}"; known: ${[...this.services.processes.keys()].join(', ')}`,
      });
    return cases;
  }
}
