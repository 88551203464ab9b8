import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessCases } from '../client/processCases';
import { agencyDateOf, agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import {
  onboardingDefinition,
  type OnboardingAction,
  type OnboardingCommand,
  type OnboardingEvent,
  type OnboardingStart,
  type OnboardingState,
} from '../domain/onboarding';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import type { Actor } from '../domain/roles';
import { startTestStack, type TestStack } from './support/testStack';
import { sleepUntil, firedAt, startedState, today } from './support/timeSkipping';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';

/**
 * The onboarding program on the time-skipping server with the real worker, bundle and
 * SQLite store. Every year here is a real year of workflow time; effective dates are
 * counted from the test server's "today" in the agency's zone, and timers fire when the
 * agency's day begins (DOE: midnight in Washington, 05:00Z in winter and 04:00Z in summer).
 */
type Cases = ProcessCases<OnboardingState, OnboardingCommand, OnboardingEvent, OnboardingStart, OnboardingAction>;
const wf = suite<{ stack: TestStack; cases: Cases }>('onboarding workflow (time-skipping server)');

const DAY_MS = 86_400_000;
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const POLICY = policyById('ses-2025-10-01').onboarding;
const IDS = POLICY.milestones.map((m) => m.id);
const ESCALATION_DAYS = POLICY.escalationAfterDays;

wf.before(async (context) => {
  context.stack = await startTestStack();
  context.cases = context.stack.casesOf(onboardingDefinition);
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

/** The instant one of the agency's days begins. */
const startOf = (date: string, agency = 'DOE'): number => Date.parse(agencyDayStart(date, agency));
const dueDate = (effective: string, id: string) => addDays(effective, POLICY.milestones.find((m) => m.id === id)!.dueDay);
const ownerOf = (id: string): Actor => (POLICY.milestones.find((m) => m.id === id)!.owner === 'supervisor' ? SUP : ERO);
const startBody = (caseId: string, effective: string): OnboardingStart => ({
  caseId,
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: effective,
  reason: 'new-appointment',
  startedBy: 'hr-ana',
});
const assign: OnboardingAction = { type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park' };
const confirm = (milestoneId: string): OnboardingAction => ({ type: 'ConfirmMilestone', milestoneId });
const milestone = (state: OnboardingState, id: string) => state.milestones.find((m) => m.id === id)!;

wf('a whole year, every milestone confirmed by its owner on its due date: completed at year 1, all on time, no reminder', async ({ stack, cases }) => {
  const caseId = 'EX-WF-ONTIME-1';
  const effective = addDays(await today(stack), 3);
  const started = await cases.start(startBody(caseId, effective));
  assert.is(started.workflowId, `onboarding-${caseId}`);
  const handle = stack.env.client.workflow.getHandle(started.workflowId);
  const first = await startedState(cases, caseId);
  assert.is(first.status, 'IN_PROGRESS');
  assert.is(first.policyVersion, 'ses-2025-10-01');
  assert.equal(
    first.milestones.map((m) => m.dueDate),
    POLICY.milestones.map((m) => addDays(effective, m.dueDay)),
  );

  // Before day 1: the assignment (which confirms its own milestone) and pre-boarding.
  const assigned = await cases.act(caseId, { actor: HR, action: assign });
  assert.equal(milestone(assigned, 'supervisor-and-mentor-assigned').confirmation?.by, HR.id, 'the assignment confirms its milestone');
  await cases.act(caseId, { actor: ERO, action: confirm('pre-boarding') });
  // Then each milestone on its due date (09:00 UTC), in due order.
  let last: OnboardingState | null = null;
  for (const id of IDS.slice(2)) {
    await sleepUntil(stack, startOf(dueDate(effective, id)) + 9 * 3_600_000);
    last = await cases.act(caseId, { actor: ownerOf(id), action: confirm(id) });
    assert.is(milestone(last, id).confirmation?.late, false, id);
  }
  assert.is(last?.status, 'COMPLETED');
  const result = await stack.result<OnboardingState>(started.workflowId);
  assert.is(result.status, 'COMPLETED');
  assert.equal(result.outcome, { status: 'COMPLETED', at: result.outcome!.at, summary: { onTime: IDS, late: [], neverConfirmed: [] } });
  assert.is(agencyDateOf(result.outcome!.at, 'DOE'), dueDate(effective, 'year-1'), 'completed on the year-1 due date');

  const events = await stack.audit.events(started.stream);
  assert.equal(
    events.map((e) => e.type),
    ['OnboardingStarted', 'OnboardingSupervisorAndMentorAssigned', ...IDS.map(() => 'OnboardingMilestoneConfirmed'), 'OnboardingCompleted'],
  );
  assert.ok(events.every((e) => e.meta.policyVersion === 'ses-2025-10-01'));
  assert.equal(replay(onboardingDefinition, events), result, 'the auditor rebuilds the very state the workflow ended with');
  assert.ok((await stack.audit.verify(started.stream)).ok);

  const after = await refusalOf(cases.act(caseId, { actor: SUP, action: confirm('month-9') }));
  assert.is(after.status, 409);
  assert.is(after.error, 'onboarding.case-closed');

  await recordHistory('onboardingProgram', handle);
});

wf(
  'a neglected year: each missed milestone is reminded the day after its due date and escalated 14 days later; late confirmations are recorded as late',
  async ({ stack, cases }) => {
    const caseId = 'EX-WF-MISSED-1';
    const effective = addDays(await today(stack), 2);
    await cases.start(startBody(caseId, effective));
    await startedState(cases, caseId);
    await cases.act(caseId, { actor: HR, action: assign });
    await cases.act(caseId, { actor: ERO, action: confirm('pre-boarding') });

    // first-week is missed: nothing before the due date has passed, a reminder right after.
    const reminderMs = startOf(addDays(effective, 8));
    await sleepUntil(stack, reminderMs - 60_000);
    assert.is(milestone(await cases.status(caseId), 'first-week').reminderSentAt, null, 'no reminder on the due date itself');
    await sleepUntil(stack, reminderMs + 60_000);
    const reminded = milestone(await cases.status(caseId), 'first-week');
    firedAt(reminded.reminderSentAt, reminderMs, 'first-week reminder');
    assert.is(reminded.escalatedAt, null);

    const escalationMs = startOf(addDays(effective, 7 + 1 + ESCALATION_DAYS));
    await sleepUntil(stack, escalationMs - 60_000);
    assert.is(milestone(await cases.status(caseId), 'first-week').escalatedAt, null, 'no escalation before 14 days');
    await sleepUntil(stack, escalationMs + 60_000);
    firedAt(milestone(await cases.status(caseId), 'first-week').escalatedAt, escalationMs, 'first-week escalation');

    // A late confirmation, 20 days after the due date.
    await sleepUntil(stack, startOf(addDays(effective, 27)) + 3_600_000);
    const late = await cases.act(caseId, { actor: SUP, action: confirm('first-week') });
    const lateConfirmation = milestone(late, 'first-week').confirmation;
    assert.equal([lateConfirmation?.late, lateConfirmation?.daysLate, lateConfirmation?.by], [true, 20, 'sup-ortiz']);

    // Nothing else is confirmed: every later milestone is reminded, then escalated, on its own dates.
    const year1Escalation = startOf(addDays(dueDate(effective, 'year-1'), 1 + ESCALATION_DAYS));
    await sleepUntil(stack, year1Escalation + 60_000);
    const neglected = await cases.status(caseId);
    assert.is(neglected.status, 'IN_PROGRESS', 'never completed without the year-1 confirmation');
    for (const id of IDS.slice(3)) {
      const m = milestone(neglected, id);
      firedAt(m.reminderSentAt, startOf(addDays(m.dueDate, 1)), `${id} reminder`);
      firedAt(m.escalatedAt, startOf(addDays(m.dueDate, 1 + ESCALATION_DAYS)), `${id} escalation`);
    }
    // A year crosses both daylight-saving changes: Washington's midnight was 05:00Z in winter and 04:00Z in summer.
    const firedHours = new Set(
      IDS.slice(3)
        .flatMap((id) => [milestone(neglected, id).reminderSentAt!, milestone(neglected, id).escalatedAt!])
        .map((at) => at.slice(11, 13)),
    );
    assert.equal([...firedHours].sort(), ['04', '05']);
    // The year-1 review, late: completes the program with the summary.
    await stack.env.sleep(2 * DAY_MS);
    const done = await cases.act(caseId, { actor: SUP, action: confirm('year-1') });
    assert.is(done.status, 'COMPLETED');
    assert.equal(done.outcome?.summary, {
      onTime: ['pre-boarding', 'supervisor-and-mentor-assigned'],
      late: ['first-week', 'year-1'],
      neverConfirmed: ['day-30', 'executive-development-plan', 'day-90', 'month-6', 'month-9'],
    });
    const result = await stack.result<OnboardingState>(`onboarding-${caseId}`);
    assert.equal(result, done);
    const events = await stack.audit.events(`onboarding-${caseId}`);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    assert.is(count('OnboardingMilestoneReminderSent'), IDS.length - 2);
    assert.is(count('OnboardingMilestoneEscalated'), IDS.length - 2);
    assert.ok(events.filter((e) => e.type === 'OnboardingMilestoneEscalated').every((e) => e.meta.actor.role === 'system'));
    assert.equal(replay(onboardingDefinition, events), result);
  },
);

wf('a transfer ends the program with the reason; no timer fires after it', async ({ stack, cases }) => {
  const caseId = 'EX-WF-TRANSFER-1';
  const effective = await today(stack);
  await cases.start({ ...startBody(caseId, effective), reason: 'transfer-in' });
  await startedState(cases, caseId);
  await cases.act(caseId, { actor: HR, action: assign });
  await stack.env.sleep(45 * DAY_MS);
  const midway = await cases.status(caseId);
  firedAt(milestone(midway, 'day-30').reminderSentAt, startOf(addDays(effective, 31)), 'day-30 reminder');
  const ended = await cases.act(caseId, { actor: HR, action: { type: 'EndOnboarding', reason: 'transfer', note: 'Transferred to NASA as deputy CFO.' } });
  assert.is(ended.status, 'ENDED');
  assert.equal(ended.outcome?.status === 'ENDED' && [ended.outcome.reason, ended.outcome.note, ended.outcome.endedBy], [
    'transfer',
    'Transferred to NASA as deputy CFO.',
    'hr-ana',
  ]);
  const result = await stack.result<OnboardingState>(`onboarding-${caseId}`);
  assert.equal(result, ended);
  const before = (await stack.audit.events(`onboarding-${caseId}`)).length;
  await stack.env.sleep(400 * DAY_MS);
  assert.is((await stack.audit.events(`onboarding-${caseId}`)).length, before, 'nothing appended after the end');
  assert.is((await stack.audit.events(`onboarding-${caseId}`)).at(-1)?.type, 'OnboardingEnded');
});

wf('refused actions (role, assigned supervisor, unknown milestone, malformed body) append nothing; a separation ends it', async ({ stack, cases }) => {
  const caseId = 'EX-WF-REFUSED-1';
  const effective = addDays(await today(stack), 5);
  await cases.start(startBody(caseId, effective));
  await startedState(cases, caseId);
  const stream = `onboarding-${caseId}`;
  const count = async () => (await stack.audit.events(stream)).length;
  assert.is(await count(), 1);

  const noSupervisor = await refusalOf(cases.act(caseId, { actor: SUP, action: confirm('first-week') }));
  assert.equal([noSupervisor.status, noSupervisor.error, noSupervisor.issues?.[0]?.field], [409, 'onboarding.confirm.no-supervisor-assigned', 'milestoneId']);
  const wrongRole = await refusalOf(cases.act(caseId, { actor: SUP, action: assign }));
  assert.equal([wrongRole.status, wrongRole.error], [422, 'onboarding.assign.hr-or-executive-resources-only']);
  await cases.act(caseId, { actor: HR, action: assign });
  assert.is(await count(), 3, 'the assignment and the confirmation of its milestone');
  const otherSupervisor = await refusalOf(cases.act(caseId, { actor: { id: 'sup-lee', role: 'supervisor' }, action: confirm('first-week') }));
  assert.equal([otherSupervisor.status, otherSupervisor.error], [422, 'onboarding.confirm.assigned-supervisor-only']);
  const unknown = await refusalOf(cases.act(caseId, { actor: SUP, action: confirm('day-60') }));
  assert.equal([unknown.status, unknown.error, unknown.issues?.[0]?.field], [422, 'onboarding.confirm.unknown-milestone', 'milestoneId']);
  const notOwner = await refusalOf(cases.act(caseId, { actor: SUP, action: confirm('pre-boarding') }));
  assert.equal([notOwner.status, notOwner.error], [422, 'onboarding.confirm.owner-only']);
  const malformed = await refusalOf(cases.act(caseId, { actor: HR, action: { type: 'EndOnboarding', reason: 'retirement', note: '' } }));
  assert.is(malformed.status, 400);
  assert.equal(malformed.issues?.map((i) => i.field).sort(), ['action.note', 'action.reason']);
  // The update validator refuses too when a client skips the schema: nothing enters history.
  const handle = stack.env.client.workflow.getHandle(stream);
  const direct = await refusalOf(handle.executeUpdate('act', { args: [{ actor: ERO, action: { type: 'EndOnboarding', reason: 'separation', note: 'x' } }] }));
  assert.equal([direct.status, direct.error], [422, 'onboarding.end.hr-specialist-only']);
  const history = await handle.fetchHistory();
  assert.is(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length, 1, 'only the accepted assignment is in history');
  assert.is(await count(), 3, 'no refused action appended anything');

  const ended = await cases.act(caseId, { actor: HR, action: { type: 'EndOnboarding', reason: 'separation', note: 'Resigned before day 1.' } });
  assert.equal(ended.outcome?.status === 'ENDED' && ended.outcome.reason, 'separation');
  assert.equal(ended.outcome?.summary, {
    onTime: ['supervisor-and-mentor-assigned'],
    late: [],
    neverConfirmed: IDS.filter((id) => id !== 'supervisor-and-mentor-assigned'),
  });
  await stack.result(stream);
  const closed = await refusalOf(cases.act(caseId, { actor: HR, action: assign }));
  assert.equal([closed.status, closed.error], [409, 'onboarding.case-closed']);
});

wf("a Portland (BPA) program's timers fire at Portland's midnight (08:00Z in winter, 07:00Z in summer), not at 00:00 UTC", async ({ stack, cases }) => {
  const caseId = 'EX-WF-BPA-1';
  const effective = addDays(await today(stack, 'BPA'), 2);
  await cases.start({ ...startBody(caseId, effective), agency: 'BPA' });
  await startedState(cases, caseId);
  // Nobody acts: pre-boarding (due day 0) is reminded when the day after begins in Portland.
  const reminderMs = startOf(addDays(effective, 1), 'BPA');
  assert.ok([7, 8].includes(new Date(reminderMs).getUTCHours()), new Date(reminderMs).toISOString());
  await sleepUntil(stack, reminderMs - 60_000);
  assert.is(milestone(await cases.status(caseId), 'pre-boarding').reminderSentAt, null, 'not at 00:00 UTC, nor at midnight in Washington');
  await sleepUntil(stack, reminderMs + 60_000);
  firedAt(milestone(await cases.status(caseId), 'pre-boarding').reminderSentAt, reminderMs, 'pre-boarding reminder at midnight in Portland');
  // A later reminder in the other season fires at Portland's midnight of that season. Which milestone's falls there
  // depends on the day the test runs (the server's clock): one of day 90, month 6 and month 9 always does.
  const later = ['day-90', 'month-6', 'month-9']
    .map((id) => ({ id, ms: startOf(addDays(dueDate(effective, id), 1), 'BPA') }))
    .find(({ ms }) => new Date(ms).getUTCHours() !== new Date(reminderMs).getUTCHours());
  assert.ok(later, `from ${effective}, none of day 90, month 6 and month 9 falls in the other season`);
  await sleepUntil(stack, later.ms + 60_000);
  const state = await cases.status(caseId);
  firedAt(milestone(state, later.id).reminderSentAt, later.ms, `${later.id} reminder`);
  await cases.act(caseId, { actor: HR, action: { type: 'EndOnboarding', reason: 'separation', note: 'Left.' } });
});

wf.run();
