import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { QrbState } from '../../domain/qrb';
import type { WhatIfResult } from '../../domain/whatIf';
import type { CheckpointReport } from '../auditor/checkpoints';
import type { Problem } from '../problem';
import type { CaseRow, InboxRow } from '../readModel/queries';

/** Plain-text views for people at a terminal; `--json` prints the raw objects instead. */

export const renderQrbState = (state: QrbState): string => {
  const lines = [`case ${state.caseId ?? '(not submitted)'}: ${state.status}`];
  if (state.submission) {
    const s = state.submission;
    lines.push(
      `  candidate   ${s.candidate.name} (${s.candidate.agency}), Criterion ${s.criterion}`,
      `  position    ${s.position.title} (${s.position.agency})`,
      `  policy      ${state.policyVersion}, ECQs ${state.ecqFramework}`,
      `  submitted   ${state.submittedAt} by ${s.submittedBy}`,
    );
  }
  if (state.board.length > 0) {
    lines.push(`  board       convened ${state.convenedAt}`);
    for (const member of state.board) {
      const vote = state.votes.find((v) => v.memberId === member.id);
      lines.push(`    ${member.id.padEnd(20)} ${member.agency.padEnd(6)} ${member.appointment.padEnd(10)} ${vote ? `voted ${vote.castAt}` : 'not voted yet'}`);
    }
  }
  if (state.remindersSent.length > 0) {
    lines.push(`  reminders   ${state.remindersSent.map((r) => `${r.at} (${r.pendingMemberIds.join(', ')})`).join('; ')}`);
  }
  if (state.decision) {
    lines.push(`  decision    ${state.decision.outcome} on ${state.decision.decidedAt}`);
    for (const r of state.decision.ecqResults) {
      lines.push(`    ${r.ecq.padEnd(52)} ${r.passed ? 'passed' : 'FAILED'} (${r.meets} meets, ${r.doesNotMeet} does not meet)`);
    }
  }
  return lines.join('\n');
};

export const renderEvents = (events: RecordedEvent[]): string =>
  [
    `${'rev'.padStart(4)}  ${'occurred at'.padEnd(24)}  ${'type'.padEnd(22)}  ${'actor'.padEnd(28)}  hash`,
    ...events.map(
      (e) =>
        `${String(e.revision).padStart(4)}  ${e.meta.occurredAt.padEnd(24)}  ${e.type.padEnd(22)}  ${`${e.meta.actor.id} (${e.meta.actor.role})`.padEnd(28)}  ${e.meta.hash.slice(0, 16)}…`,
    ),
  ].join('\n');

export const renderProblem = (problem: Problem): string =>
  [
    `error (${problem.error}): ${problem.message}`,
    ...(problem.issues ?? [])
      .filter((i) => !problem.message.includes(i.message) || problem.issues!.length > 1)
      .map((i) => `  ${i.field}: ${i.message} [${i.rule}]`),
  ].join('\n');

const cell = (value: unknown): string => (value === null || value === undefined ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** Rows of one shape as aligned columns, headed by their keys. */
export const renderTable = (objects: readonly object[]): string => {
  const rows = objects as readonly Record<string, unknown>[];
  if (rows.length === 0) return '(none)';
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
};

export const renderInbox = (inbox: { person: { id: string; roles: string[] }; asOf: string; waiting: InboxRow[]; started: CaseRow[] }): string =>
  [
    `${inbox.person.id} (${inbox.person.roles.join(', ')}), as of ${inbox.asOf}`,
    '',
    `Waiting on you (${inbox.waiting.length}):`,
    renderTable(inbox.waiting.map((w) => ({ due: w.dueOn, overdue: w.overdue ? 'OVERDUE' : '', case: w.stream, action: w.action, note: w.note }))),
    '',
    `Cases you started (${inbox.started.length}):`,
    renderTable(inbox.started.map((c) => ({ case: c.stream, status: c.status, started: c.startedAt, updated: c.updatedAt }))),
  ].join('\n');

export const renderNotifications = (list: {
  person: string;
  unread: number;
  notifications: { id: string; at: string; kind: string; subject: string; readAt: string | null }[];
}): string =>
  [
    `${list.person}: ${list.notifications.length} notification(s), ${list.unread} unread`,
    renderTable(list.notifications.map((n) => ({ at: n.at, '': n.readAt ? '' : 'NEW', kind: n.kind, subject: n.subject, id: n.id }))),
  ].join('\n');

/** A report is rows, or a summary with rows under one key: each list becomes a table. */
export const renderReport = (report: unknown): string => {
  if (Array.isArray(report)) return renderTable(report);
  return Object.entries(report as Record<string, unknown>)
    .map(([key, value]) => `${key}:\n${renderTable(Array.isArray(value) ? value : [value as object])}`)
    .join('\n\n');
};

export const renderHistory = (
  history: {
    revision: number;
    type: string;
    occurredAt: string;
    actor: { id: string; role: string };
    changes: { path: string; before: unknown; after: unknown }[];
  }[],
): string =>
  history
    .map((entry) =>
      [
        `#${entry.revision} ${entry.type} at ${entry.occurredAt} by ${entry.actor.id} (${entry.actor.role})`,
        ...entry.changes.map((c) => `    ${c.path}: ${cell(c.before)} -> ${cell(c.after)}`),
      ].join('\n'),
    )
    .join('\n');

/** A stream's verification: intact, or the first revision that does not hold (its chain, or against the checkpoint). */
export const renderVerifyResult = (result: { stream: string; events?: number; brokenRevision?: number; reason?: string }): string =>
  result.brokenRevision === undefined
    ? `${result.stream}: hash chain intact (${result.events} events)`
    : `${result.stream}: BROKEN at revision ${result.brokenRevision}: ${result.reason}`;

/** Which checkpoint a verification stood on, or what does not hold about the checkpoints themselves. */
export const renderCheckpointReport = (report: CheckpointReport): string => {
  const which =
    report.sequence === undefined
      ? ''
      : `checkpoint #${report.sequence} of ${report.createdAt} (${report.source === 'given' ? 'your copy' : 'kept in the store'}, position ${report.globalPosition}, key ${report.keyId})`;
  if (!report.ok) return `CHECKPOINTS BROKEN: ${report.problem}${which ? `; verified against ${which}` : ''}`;
  return which ? `anchored to ${which}: signature and chain of checkpoints hold` : `not anchored: ${report.note}`;
};

export const renderVerifyAll = (report: {
  ok: boolean;
  totals: { streams: number; intact: number; broken: number; eventsVerified: number };
  results: Parameters<typeof renderVerifyResult>[0][];
  checkpoint: CheckpointReport;
}): string =>
  [
    ...report.results.filter((r) => r.brokenRevision !== undefined).map(renderVerifyResult),
    `${report.totals.streams} streams, ${report.totals.eventsVerified} events: ${report.totals.intact} intact, ${report.totals.broken} broken`,
    renderCheckpointReport(report.checkpoint),
  ].join('\n');

export const renderWhatIf = (stream: string, result: WhatIfResult): string =>
  [
    `${stream} under ${result.policyVersion.whatIf} instead of ${result.policyVersion.recorded}, as of ${result.until}:`,
    result.differences.length === 0 ? '  no difference in outcome or dates' : `  ${result.differences.length} difference(s):`,
    ...result.differences.map((d) => `    ${d.path}: recorded ${cell(d.recorded)}, what-if ${cell(d.whatIf)}`),
    ...(result.refusedInputs.length === 0
      ? []
      : ['  inputs the other policy refuses:', ...result.refusedInputs.map((r) => `    ${r.type} at ${r.at}: ${r.message} [${r.rule}]`)]),
  ].join('\n');
