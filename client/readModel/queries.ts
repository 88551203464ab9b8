import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AgencyCodeSchema } from '../../domain/agencies';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import { PersonIdSchema, RoleSchema, type Role } from '../../domain/roles';
import { PROCESSES } from '../../domain/processes';

export const InboxQuerySchema = z.object({
  personId: PersonIdSchema,
  roles: z.array(RoleSchema),
  /** The instant the inbox is read at: a decision due before its date is overdue. */
  asOf: z.iso.datetime({ offset: true }),
});
export type InboxQuery = z.input<typeof InboxQuerySchema>;

export interface InboxRow {
  stream: string;
  /** The decision's place among its case's (the domain's order): with the stream, it names the row. */
  seq: number;
  process: string;
  caseId: string | null;
  action: string;
  assigneeId: string | null;
  assigneeRole: Role;
  dueOn: string | null;
  overdue: boolean;
  note: string;
}

/** Where a page of the inbox starts: after this decision (the list's order is due date, undated last, then stream and seq). */
export const InboxCursorSchema = z.tuple([z.string().nullable(), z.string(), z.number().int()]);
export type InboxCursor = z.infer<typeof InboxCursorSchema>;
export const inboxCursorOf = (row: InboxRow): InboxCursor => [row.dueOn, row.stream, row.seq];

/** The inbox's order as one sortable key, of the rows named `t`: undated last (an empty date never compares, the flag does). */
const inboxKey = (t: string) => `${t}.due_on IS NULL, COALESCE(${t}.due_on, ''), ${t}.stream, ${t}.seq`;

/**
 * The inbox's SQL for a person holding `roles` roles (@role0, @role1...): one branch for the
 * decisions naming the person and one per role, each read in the inbox's order from its index
 * (pending_inbox_person, pending_inbox_role) and cut at the page, then merged.
 */
export const inboxSql = (roles: number, after: boolean): string => {
  const from = after ? `AND (${inboxKey('p')}) > (@afterUndated, @afterDueOn, @afterStream, @afterSeq)` : '';
  const branch = (where: string) => `SELECT * FROM (SELECT p.* FROM pending_decisions p WHERE ${where} ${from} ORDER BY ${inboxKey('p')} LIMIT @limit)`;
  const branches = [
    branch('p.assignee_id = @personId'),
    ...Array.from({ length: roles }, (_, i) => branch(`p.assignee_id IS NULL AND p.assignee_role = @role${i}`)),
  ];
  return `SELECT w.stream, w.seq, c.process, c.case_id AS caseId, w.action, w.assignee_id AS assigneeId, w.assignee_role AS assigneeRole, w.due_on AS dueOn, w.note,
      c.agency AS caseAgency
    FROM (${branches.join(' UNION ALL ')}) w JOIN cases c USING (stream)
    ORDER BY ${inboxKey('w')} LIMIT @limit`;
};

/**
 * Decisions waiting on the person by name, or on one of their roles when anyone holding it may act;
 * soonest due first, undated last; or `limit` of them after a cursor.
 */
export const inbox = (db: Database.Database, query: InboxQuery, page: { after?: InboxCursor; limit?: number } = {}): InboxRow[] => {
  const { personId, roles, asOf } = InboxQuerySchema.parse(query);
  const distinctRoles = [...new Set(roles)];
  const after = page.after && {
    afterUndated: page.after[0] === null ? 1 : 0,
    afterDueOn: page.after[0] ?? '',
    afterStream: page.after[1],
    afterSeq: page.after[2],
  };
  const rows = db
    .prepare<Record<string, string | number>, Omit<InboxRow, 'overdue'> & { caseAgency: string | null }>(inboxSql(distinctRoles.length, after !== undefined))
    .all({
      personId,
      ...Object.fromEntries(distinctRoles.map((role, i) => [`role${i}`, role])),
      ...after,
      limit: page.limit ?? -1,
    });
  // Overdue once the due date is over in the case agency's zone.
  return rows.map(({ caseAgency, ...row }) => ({ ...row, overdue: row.dueOn !== null && row.dueOn < agencyDateOf(asOf, caseAgency) }));
};

export interface CaseRow {
  stream: string;
  process: string;
  caseId: string | null;
  agency: string | null;
  status: string;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  policyVersion: string | null;
  lastRevision: number;
  terminal: boolean;
}

const CASE_COLUMNS = `stream, process, case_id AS caseId, agency, status, started_by AS startedBy, started_at AS startedAt,
  updated_at AS updatedAt, policy_version AS policyVersion, last_revision AS lastRevision, terminal`;

const toCaseRow = (row: Omit<CaseRow, 'terminal'> & { terminal: number }): CaseRow => ({ ...row, terminal: row.terminal === 1 });

export const ListCasesFilterSchema = z
  .object({
    process: z.enum(PROCESSES.map((p) => p.name)).optional(),
    agency: AgencyCodeSchema.optional(),
    status: z.string().trim().min(1).optional(),
    /** First and last day (inclusive) a case started on, in its agency's days. */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** The person who started the case (an HR specialist's own actions in the inbox). */
    startedBy: PersonIdSchema.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from must be on or before to', path: ['to'] });
export type ListCasesFilter = z.input<typeof ListCasesFilterSchema>;

/** Where a page of the case list starts: after this case (the list's order is started_at, stream). */
export const CaseListCursorSchema = z.tuple([z.string(), z.string()]);
export type CaseListCursor = z.infer<typeof CaseListCursorSchema>;

/**
 * The case list's SQL for the filters given (their @names) and a cursor: read in the list's order
 * from cases_by_start. `from` and `to` are agency days; the same bounds on started_at (an instant,
 * the order), a day wider since no zone is more than 14 hours from UTC, let the index skip the
 * cases before and after them.
 */
export const listCasesSql = (filter: { [K in keyof ListCasesFilter]?: unknown }, after: boolean): string => {
  const conditions = [
    after && '(started_at, stream) > (@afterStartedAt, @afterStream)',
    filter.process !== undefined && 'process = @process',
    filter.agency !== undefined && 'agency = @agency',
    filter.status !== undefined && 'status = @status',
    filter.startedBy !== undefined && 'started_by = @startedBy',
    filter.from !== undefined && "started_on >= @from AND started_at >= date(@from, '-1 day')",
    filter.to !== undefined && "started_on <= @to AND started_at < date(@to, '+2 days')",
  ].filter((c): c is string => c !== false);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT ${CASE_COLUMNS} FROM cases ${where} ORDER BY started_at, stream LIMIT @limit`;
};

/** Every case matching all the given filters, oldest first; or `limit` of them after a cursor. */
export const listCases = (db: Database.Database, filter: ListCasesFilter = {}, page: { after?: CaseListCursor; limit?: number } = {}): CaseRow[] => {
  const f = ListCasesFilterSchema.parse(filter);
  return db
    .prepare<Record<string, string | number>, Omit<CaseRow, 'terminal'> & { terminal: number }>(listCasesSql(f, page.after !== undefined))
    .all({ ...(f as Record<string, string>), ...(page.after ? { afterStartedAt: page.after[0], afterStream: page.after[1] } : {}), limit: page.limit ?? -1 })
    .map(toCaseRow);
};
