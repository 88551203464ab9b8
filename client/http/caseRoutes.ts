import { z } from '@hono/zod-openapi';
import { DelegationGrantSchema } from '../../domain/delegation/commands';
import { PolicyVersionIdSchema } from '../../domain/policyVersions';
import { PROCESSES } from '../../domain/processes';
import { RevocationSchema } from '../delegations';
import { ActingPersonSchema, REPORTS, type Operations } from '../operations';
import { PageQuerySchema, pageSchemaOf, type PageRequest } from '../paging';
import { parseInput } from '../problem';
import { defineRoute, type ApiRoute } from './apiRoute';

const CaseStateSchema = z.record(z.string(), z.unknown()).openapi('CaseState', { description: 'the case as its workflow holds it (the process state)' });
const CaseTimelineSchema = z
  .object({
    stream: z.string(),
    revision: z.number().int(),
    status: z.string(),
    asOf: z.string().describe('the instant overdue is judged at'),
    events: z.array(
      z.object({
        revision: z.number().int(),
        type: z.string(),
        occurredAt: z.string(),
        actor: z.object({ id: z.string(), role: z.string(), actingFor: z.string().optional() }),
      }),
    ),
    pending: z.array(
      z.object({
        action: z.string(),
        assigneeId: z.string().nullable(),
        assigneeRole: z.string(),
        dueOn: z.string().nullable(),
        note: z.string(),
        overdue: z.boolean(),
      }),
    ),
    ahead: z
      .array(z.object({ kind: z.string(), dueAt: z.string(), note: z.string() }))
      .describe('the timers the workflow still waits for, and dates ahead in the state'),
    policyVersion: z.string().nullable(),
  })
  .openapi('CaseTimeline');
const StartedSchema = z.object({ caseId: z.string(), workflowId: z.string(), stream: z.string() }).openapi('Started');
const DelegationSchema = z.record(z.string(), z.unknown()).openapi('Delegation');
const StartQuerySchema = z.strictObject({
  policyVersion: PolicyVersionIdSchema.optional().describe('the dated policy to run the case under; absent: the one in force today'),
});
type StartQuery = z.infer<typeof StartQuerySchema>;
const ReportQuerySchema = z.strictObject({ withinDays: z.coerce.number().int().min(1).max(3660).optional().describe('probations-near-end: how far ahead') });
const ReportNameSchema = z.enum(REPORTS);
const NotificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: only the unread ones'),
  ...PageQuerySchema.shape,
});
const PageOnlyQuerySchema = z.strictObject(PageQuerySchema.shape);
const Json = z.unknown();

/** The routes of HR specialists and approvers: the cases of every process, the inbox, delegations and reports. */
export const caseRoutes = (operations: Operations): ApiRoute[] => {
  const stateAfter = async (process: string, caseId: string, state: unknown) => ({
    status: 200,
    body: state,
    etag: await operations.revisionOf(`${process}-${caseId}`),
  });
  const caseRead = (process: string, title: string): ApiRoute =>
    defineRoute({
      method: 'get',
      path: `/${process}-cases/{caseId}`,
      operationId: `${process}.status`,
      summary: `A case as its workflow holds it: ${title}`,
      tag: title,
      who: 'every role but executive and employee; entered in the access log',
      readsCase: true,
      etag: true,
      success: { status: 200, description: 'the case state; ETag is its stream revision', schema: CaseStateSchema },
      handle: async ({ principal, params, purpose }) => {
        // The revision before the state: an ETag may be older than what it describes, never newer.
        const revision = await operations.caseRevision(principal, process, params.caseId!);
        return { status: 200, body: await operations.status(principal, process, params.caseId!, purpose), etag: revision };
      },
    });

  const caseTimeline = (process: string, title: string): ApiRoute =>
    defineRoute({
      method: 'get',
      path: `/${process}-cases/{caseId}/timeline`,
      operationId: `${process}.timeline`,
      summary: `A case's events (type, time, actor; no data), who must act next and the timers ahead: ${title}`,
      tag: title,
      who: 'every role but executive and employee; entered in the access log',
      readsCase: true,
      success: { status: 200, description: 'folded from the stored events', schema: CaseTimelineSchema },
      handle: async ({ principal, params, purpose }) => ({ status: 200, body: await operations.caseTimeline(principal, process, params.caseId!, purpose) }),
    });

  return [
    // Every process: its start, its case and timeline, its actions, and the actions with their own path (a QRB vote).
    ...PROCESSES.flatMap(({ name, title, startSchema, startVerb = 'start', actionSchema, namedActions = [] }): ApiRoute[] => [
      defineRoute({
        method: 'post',
        path: `/${name}-cases`,
        operationId: `${name}.${startVerb}`,
        summary: `${startVerb[0]!.toUpperCase()}${startVerb.slice(1)} a case: ${title}`,
        tag: title,
        who: 'HR specialist, as themself',
        query: StartQuerySchema,
        body: startSchema,
        success: { status: 201, description: 'the case started; its first event is recorded', schema: StartedSchema },
        handle: async ({ principal, body, query, requestId }) => ({
          status: 201,
          body: await operations.startCase(principal, name, body, { ...(query as StartQuery), requestId }),
        }),
      }),
      caseRead(name, title),
      caseTimeline(name, title),
      defineRoute({
        method: 'post',
        path: `/${name}-cases/{caseId}/actions`,
        operationId: `${name}.act`,
        summary: `Act on a case (an approver's decision or a step): ${title}`,
        tag: title,
        who: 'every role but auditor, as themself or as acting official under a delegation',
        body: z.object({ actor: ActingPersonSchema, action: actionSchema }),
        ifMatch: true,
        success: { status: 200, description: 'the case after the action; ETag is its new revision', schema: CaseStateSchema },
        handle: async ({ principal, params, body, expectedRevision, requestId }) =>
          stateAfter(name, params.caseId!, await operations.act(principal, name, params.caseId!, body, { expectedRevision, requestId })),
      }),
      ...namedActions.map(({ path, operation, summary, body, who }) =>
        defineRoute({
          method: 'post',
          path: `/${name}-cases/{caseId}/${path}`,
          operationId: operation,
          summary,
          tag: title,
          who,
          body,
          ifMatch: true,
          success: { status: 200, description: 'the case after the decision; ETag is its new revision', schema: CaseStateSchema },
          handle: async ({ principal, params, body: given, expectedRevision, requestId }) =>
            stateAfter(name, params.caseId!, await operations.actNamed(principal, name, operation, params.caseId!, given, { expectedRevision, requestId })),
        }),
      ),
    ]),
    defineRoute<PageRequest>({
      method: 'get',
      path: '/inbox',
      operationId: 'inbox',
      summary: 'The decisions waiting on the person (due dates, overdue), soonest due first, a page at a time',
      tag: 'Everyone',
      who: 'everyone',
      query: PageOnlyQuerySchema,
      success: { status: 200, description: 'a page of the decisions: `{person, asOf, items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, query }) => ({ status: 200, body: await operations.inbox(principal, query) }),
    }),
    defineRoute<PageRequest>({
      method: 'get',
      path: '/inbox/started',
      operationId: 'inbox.started',
      summary: 'The cases the person started, with their status, oldest first, a page at a time',
      tag: 'Everyone',
      who: 'everyone: their own',
      query: PageOnlyQuerySchema,
      success: { status: 200, description: 'a page of the cases: `{items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, query }) => ({ status: 200, body: await operations.startedCases(principal, query) }),
    }),
    defineRoute<z.infer<typeof NotificationsQuerySchema>>({
      method: 'get',
      path: '/notifications',
      operationId: 'notifications',
      summary: "The person's notifications, newest first, with read or unread, a page at a time",
      tag: 'Everyone',
      who: 'everyone: their own',
      query: NotificationsQuerySchema,
      success: {
        status: 200,
        description:
          'a page: `{person, unread, items: [{id, kind, subject, body, casePath, dueOn, at, status, sentAt, readAt}], next}`; unread counts them all',
        schema: pageSchemaOf(Json),
      },
      handle: async ({ principal, query }) => ({
        status: 200,
        body: await operations.notifications(principal, { unreadOnly: query.unread === 'true' }, query),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      operationId: 'notification.read',
      summary: "Mark one of the person's notifications read",
      tag: 'Everyone',
      who: 'everyone: their own',
      body: z.object({}).describe('an empty object'),
      success: { status: 200, description: '{id, read: true}', schema: z.object({ id: z.string(), read: z.literal(true) }) },
      handle: async ({ principal, params }) => ({ status: 200, body: operations.markNotificationRead(principal, params.id!) }),
    }),
    defineRoute({
      method: 'post',
      path: '/delegations',
      operationId: 'delegation.grant',
      summary: 'Name an acting official for some approvals, from-until',
      tag: 'Everyone',
      who: 'every role but auditor (the decider: the official, an admin or the executive-resources office)',
      body: DelegationGrantSchema,
      success: { status: 201, description: 'the delegation', schema: DelegationSchema },
      handle: async ({ principal, body }) => ({ status: 201, body: await operations.grantDelegation(principal, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/delegations/{id}',
      operationId: 'delegation.show',
      summary: "A delegation's terms and status",
      tag: 'Everyone',
      who: 'every role but executive and employee',
      success: { status: 200, description: 'the delegation', schema: DelegationSchema },
      handle: async ({ principal, params }) => ({ status: 200, body: await operations.showDelegation(principal, params.id!) }),
    }),
    defineRoute({
      method: 'post',
      path: '/delegations/{id}/revocation',
      operationId: 'delegation.revoke',
      summary: 'End a delegation early',
      tag: 'Everyone',
      who: 'as for a grant',
      body: RevocationSchema,
      success: { status: 200, description: 'the delegation, revoked', schema: DelegationSchema },
      handle: async ({ principal, params, body }) => ({ status: 200, body: await operations.revokeDelegation(principal, params.id!, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/reports/{name}',
      operationId: 'report',
      summary: `A report: ${REPORTS.join(', ')}`,
      tag: 'Everyone',
      who: 'executive-resources office, HR specialist, auditor, admin',
      query: ReportQuerySchema,
      success: { status: 200, description: 'the report', schema: z.unknown() },
      handle: async ({ principal, params, query }) => ({
        status: 200,
        body: await operations.report(principal, parseInput(ReportNameSchema, params.name, 'report'), (query as z.infer<typeof ReportQuerySchema>).withinDays),
      }),
    }),
  ];
};
