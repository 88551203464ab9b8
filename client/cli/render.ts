import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { QrbState } from '../../domain/qrb';
import type { Problem } from '../problem';

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
    ...(problem.issues ?? []).filter((i) => !problem.message.includes(i.message) || problem.issues!.length > 1).map((i) => `  ${i.field}: ${i.message} [${i.rule}]`),
  ].join('\n');
