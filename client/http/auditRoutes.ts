import { z } from '@hono/zod-openapi';
import { PROCESSES } from '../../domain/processes';
import { ExportFormatSchema } from '../auditor/exportFormat';
import type { Operations } from '../operations';
import type { ListCasesFilter } from '../readModel/queries';
import { PageQuerySchema, pageSchemaOf, type PageRequest } from '../paging';
import { ProblemError } from '../problem';
import { defineRoute, type ApiRoute } from './apiRoute';

const CASE_FILTERS = {
  process: z
    .string()
    .optional()
    .describe(PROCESSES.map((p) => p.name).join(', ')),
  agency: z.string().optional().describe('the agency code'),
  status: z.string().optional(),
  from: z.string().optional().describe('started on or after this date (inclusive)'),
  to: z.string().optional().describe('started on or before this date (inclusive)'),
};
const ListQuerySchema = z.strictObject({ ...CASE_FILTERS, ...PageQuerySchema.shape });
const AccessLogQuerySchema = z.strictObject({
  personId: z.string().optional().describe('only the accesses of this person'),
  from: z.iso.datetime({ offset: true }).optional().describe('at or after this instant (inclusive)'),
  to: z.iso.datetime({ offset: true }).optional().describe('before this instant (exclusive)'),
  ...PageQuerySchema.shape,
});
const PageOnlyQuerySchema = z.strictObject(PageQuerySchema.shape);
/** The paging parameters of a route's query, without its filters. */
const pageOfLimitAfter = (query: PageRequest): PageRequest => ({
  ...(query.limit === undefined ? {} : { limit: query.limit }),
  ...(query.after === undefined ? {} : { after: query.after }),
});
const ExportQuerySchema = z.strictObject({
  ...CASE_FILTERS,
  stream: z.array(z.string().min(1)).optional().describe('a stream to export (repeatable); absent: every case the filters list'),
  format: ExportFormatSchema.default('jsonl'),
});
const ReplayQuerySchema = z.strictObject({
  revision: z.coerce.number().int().nonnegative().optional().describe('rebuild up to this revision (inclusive); not with at'),
  at: z.iso.datetime({ offset: true }).optional().describe('rebuild as the case stood at this instant; not with revision'),
});
const WhatIfQuerySchema = z.strictObject({ policyVersion: z.string().min(1), until: z.iso.datetime({ offset: true }).optional() });

const Json = z.unknown();

/** The filters of a list or export query: the read model validates them. */
const filterOf = (query: Record<string, unknown>): ListCasesFilter =>
  Object.fromEntries(Object.keys(CASE_FILTERS).flatMap((key) => (query[key] === undefined ? [] : [[key, query[key]]])));

/** The auditor's routes: every read of a case says why and is entered in the access log. */
export const auditRoutes = (operations: Operations): ApiRoute[] => {
  const streamRead = (
    what: string,
    summary: string,
    read: (principal: Parameters<Operations['auditEvents']>[0], stream: string, purpose: string | undefined) => Promise<unknown>,
  ): ApiRoute =>
    defineRoute({
      method: 'get',
      path: `/audit/streams/{stream}/${what}`,
      operationId: `audit.${what}`,
      summary,
      tag: 'Audit',
      who: 'auditor; entered in the access log',
      readsCase: true,
      success: { status: 200, description: summary, schema: Json },
      handle: async ({ principal, params, purpose }) => ({ status: 200, body: await read(principal, params.stream!, purpose) }),
    });
  return [
    defineRoute({
      method: 'get',
      path: '/audit/cases',
      operationId: 'audit.list',
      summary: 'The cases, filtered (ids, codes and status only), a page at a time',
      tag: 'Audit',
      who: 'auditor',
      query: ListQuerySchema,
      success: { status: 200, description: 'a page of the list, oldest first: `{items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, query }) => ({ status: 200, body: await operations.listCases(principal, filterOf(query), pageOfLimitAfter(query)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/audit/verify',
      operationId: 'audit.verify-all',
      summary: "Every stream's hash chain and head against the latest signed checkpoint; names each first broken revision",
      tag: 'Audit',
      who: 'auditor',
      success: { status: 200, description: 'totals, each broken stream, and the checkpoint used', schema: Json },
      handle: async ({ principal }) => ({ status: 200, body: await operations.auditVerifyAll(principal) }),
    }),
    defineRoute<PageRequest>({
      method: 'get',
      path: '/audit/checkpoints',
      operationId: 'audit.checkpoints',
      summary: 'The signed checkpoints kept in the store, oldest first, a page at a time, with the public key',
      tag: 'Audit',
      who: 'auditor',
      query: PageOnlyQuerySchema,
      success: { status: 200, description: 'a page of signed checkpoints: `{publicKey, keyId, items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, query }) => ({ status: 200, body: await operations.auditCheckpoints(principal, pageOfLimitAfter(query)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/audit/checkpoints',
      operationId: 'audit.checkpoint-create',
      summary: 'Sign a checkpoint of the store now (unless nothing moved since the latest)',
      tag: 'Audit',
      who: 'auditor',
      success: { status: 200, description: '{created, checkpoint}', schema: Json },
      handle: async ({ principal }) => ({ status: 200, body: await operations.auditCreateCheckpoint(principal) }),
    }),
    defineRoute({
      method: 'get',
      path: '/audit/checkpoints/copy',
      operationId: 'audit.checkpoint-export',
      summary: "Every kept checkpoint with its stream heads: the auditor's own copy, for verify --checkpoint",
      tag: 'Audit',
      who: 'auditor',
      success: { status: 200, description: '{publicKey, keyId, checkpoints}', schema: Json },
      handle: async ({ principal }) => ({ status: 200, body: await operations.auditCheckpointCopy(principal) }),
    }),
    defineRoute<z.infer<typeof ExportQuerySchema>>({
      method: 'get',
      path: '/audit/export',
      operationId: 'audit.export',
      summary: 'The cases with their hash chains, for offline checking',
      tag: 'Audit',
      who: 'auditor; entered in the access log',
      query: ExportQuerySchema,
      readsCase: true,
      success: { status: 200, description: 'JSON Lines or CSV', contentType: 'application/x-ndjson' },
      handle: async ({ principal, query, purpose }) => {
        const lines = await operations.auditExport(principal, { streams: query.stream ?? [], filter: filterOf(query) }, query.format, purpose);
        return { status: 200, lines, contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' };
      },
    }),
    defineRoute<PageRequest>({
      method: 'get',
      path: '/audit/streams/{stream}/events',
      operationId: 'audit.events',
      summary: 'The events of a stream, a page at a time',
      tag: 'Audit',
      who: 'auditor; entered in the access log',
      query: PageOnlyQuerySchema,
      readsCase: true,
      success: { status: 200, description: 'a page of events in revision order: `{items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, params, query, purpose }) => ({
        status: 200,
        body: await operations.auditEvents(principal, params.stream!, purpose, pageOfLimitAfter(query)),
      }),
    }),
    streamRead('history', 'What changed at each event (before and after)', (p, s, why) => operations.auditHistory(p, s, why)),
    streamRead('verify', "The stream's hash chain and head checked against the latest signed checkpoint", (p, s, why) => operations.auditVerify(p, s, why)),
    streamRead('compare', "The replayed state against the workflow's live state", (p, s, why) => operations.auditCompare(p, s, why)),
    defineRoute<PageRequest>({
      method: 'get',
      path: '/audit/streams/{stream}/access-log',
      operationId: 'audit.access-log',
      summary: 'Who read or exported the case, when and why, a page at a time',
      tag: 'Audit',
      who: 'auditor',
      query: PageOnlyQuerySchema,
      success: { status: 200, description: 'a page of the accesses, oldest first: `{items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, params, query }) => ({
        status: 200,
        body: await operations.accessLogFor(principal, params.stream!, pageOfLimitAfter(query)),
      }),
    }),
    defineRoute<z.infer<typeof AccessLogQuerySchema>>({
      method: 'get',
      path: '/audit/access-log',
      operationId: 'audit.access-log-all',
      summary: 'The accounting of disclosures across cases, by person and time, a page at a time',
      tag: 'Audit',
      who: 'auditor',
      query: AccessLogQuerySchema,
      success: { status: 200, description: 'a page of the accesses, oldest first: `{items, next}`', schema: pageSchemaOf(Json) },
      handle: async ({ principal, query }) => {
        const { personId, from, to } = query;
        const filter = { ...(personId === undefined ? {} : { personId }), ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
        return { status: 200, body: await operations.accessLog(principal, filter, pageOfLimitAfter(query)) };
      },
    }),
    defineRoute<z.infer<typeof WhatIfQuerySchema>>({
      method: 'get',
      path: '/audit/streams/{stream}/what-if',
      operationId: 'audit.what-if',
      summary: "Re-run the case's recorded inputs under another policy version",
      tag: 'Audit',
      who: 'auditor; entered in the access log',
      query: WhatIfQuerySchema,
      readsCase: true,
      success: { status: 200, description: '{policyVersion, until, recorded, whatIf, refusedInputs, differences}', schema: Json },
      handle: async ({ principal, params, query, purpose }) => ({
        status: 200,
        body: await operations.auditWhatIf(principal, params.stream!, query.policyVersion, query.until, purpose),
      }),
    }),
    defineRoute<z.infer<typeof ReplayQuerySchema>>({
      method: 'get',
      path: '/audit/streams/{stream}/replay',
      operationId: 'audit.replay',
      summary: 'Rebuild the case from its events, up to a revision or an instant',
      tag: 'Audit',
      who: 'auditor; entered in the access log',
      query: ReplayQuerySchema,
      readsCase: true,
      success: { status: 200, description: '{stream, revision, eventsApplied, state}', schema: Json },
      handle: async ({ principal, params, query, purpose }) => {
        if (query.revision !== undefined && query.at !== undefined) {
          throw new ProblemError({
            status: 400,
            error: 'validation',
            message: 'query: give revision or at, not both',
            issues: [{ field: 'query.at', rule: 'exclusive', message: 'give revision or at, not both' }],
          });
        }
        return { status: 200, body: await operations.auditReplay(principal, params.stream!, query, purpose) };
      },
    }),
  ];
};
