import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, dateOf } from '../domain/calendar';
import type { Decision, DomainError } from '../domain/domainError';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import {
  ONBOARDING_EVENT_SCHEMA_VERSION,
  OnboardingActionSchema,
  OnboardingStartSchema,
  decideOnboarding,
  evolveOnboarding,
  initialOnboardingState,
  isOnboardingTerminal,
  nextOnboardingTimer,
  onboardingDefinition,
  onboardingTimerCommand,
  type OnboardingAction,
  type OnboardingCommand,
  type OnboardingEvent,
  type OnboardingStart,
  type OnboardingState,
} from '../domain/onboarding';
import { ActorSchema, SYSTEM_ACTOR, type Actor } from '../domain/roles';

// --- fixtures ---------------------------------------------------------------
const EFFECTIVE = '2026-01-12';
const START_AT = '2026-01-05T14:00:00.000Z';
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const OTHER_SUP: Actor = { id: 'sup-lee', role: 'supervisor' };
const EXEC: Actor = { id: 'ex-rivera', role: 'executive' };
const POLICY = policyById('ses-2025-10-01').onboarding;
const IDS = POLICY.milestones.map((m) => m.id);

const startBody = (overrides: Partial<OnboardingStart> = {}): OnboardingStart => ({
  caseId: 'EX-1042-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: EFFECTIVE,
  reason: 'new-appointment',
  startedBy: 'hr-ana',
  ...overrides,
});
const startCmd = (overrides: Partial<OnboardingStart> = {}, policyVersion?: string, actor: Actor = HR, at = START_AT): OnboardingCommand =>
  onboardingDefinition.startCommand(startBody(overrides), at, actor, policyVersion);
const act = (action: OnboardingAction, actor: Actor, at: string): OnboardingCommand => onboardingDefinition.actionCommand(action, at, actor);
const day = (date: string) => `${date}T12:00:00.000Z`;
const dueOf = (id: string) => addDays(EFFECTIVE, POLICY.milestones.find((m) => m.id === id)!.dueDay);
const assignAction: OnboardingAction = { type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park' };
const assignCmd = (at = day('2026-01-06'), actor: Actor = HR) => act(assignAction, actor, at);
const confirmCmd = (milestoneId: string, at: string, actor: Actor = SUP, note?: string) =>
  act({ type: 'ConfirmMilestone', milestoneId, ...(note === undefined ? {} : { note }) }, actor, at);
const ownerOf = (id: string): Actor => (POLICY.milestones.find((m) => m.id === id)!.owner === 'supervisor' ? SUP : ERO);

const given = (...commands: OnboardingCommand[]): OnboardingState =>
  commands.reduce((state, command) => {
    const decision = decideOnboarding(state, command);
    if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.rule}: ${decision.error.message}`);
    return decision.events.reduce(evolveOnboarding, state);
  }, initialOnboardingState);
const refusal = (decision: Decision<OnboardingEvent>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
};
const events = (decision: Decision<OnboardingEvent>): OnboardingEvent[] => {
  if (!decision.ok) throw new Error(`expected events, got refusal ${decision.error.rule}: ${decision.error.message}`);
  return decision.events;
};
const expectRefusal = (state: OnboardingState, command: OnboardingCommand, rule: string, field?: string, kind?: 'invalid' | 'conflict') => {
  const error = refusal(decideOnboarding(state, command));
  assert.is(error.rule, rule, error.message);
  assert.is(error.field, field, `field of ${rule}`);
  if (kind) assert.is(error.kind, kind);
  return error;
};
const started = (overrides: Partial<OnboardingStart> = {}) => given(startCmd(overrides));
const assigned = () => given(startCmd(), assignCmd());
/** Every milestone but year 1 confirmed by its owner on its due date. */
const allButYear1OnTime = () => given(startCmd(), assignCmd(), ...IDS.filter((id) => id !== 'year-1').map((id) => confirmCmd(id, day(dueOf(id)), ownerOf(id))));
const fire = (state: OnboardingState, at?: string): { state: OnboardingState; event: OnboardingEvent } => {
  const timer = nextOnboardingTimer(state);
  if (!timer) throw new Error('no timer');
  const [event] = events(decideOnboarding(state, onboardingTimerCommand(timer, at ?? timer.dueAt)));
  return { state: evolveOnboarding(state, event!), event: event! };
};

// --- start ------------------------------------------------------------------
const start = suite('onboarding: start');
start('an HR specialist starts the program; it pins the policy and every milestone due date from the effective date', () => {
  const [event] = events(decideOnboarding(initialOnboardingState, startCmd()));
  assert.is(event?.type, 'OnboardingStarted');
  if (event?.type !== 'OnboardingStarted') return;
  assert.is(event.data.policyVersion, 'ses-2025-10-01');
  assert.is(event.data.escalationAfterDays, 14);
  assert.equal(
    event.data.milestones.map((m) => [m.id, m.dueDate, m.owner]),
    [
      ['pre-boarding', '2026-01-12', 'executive-resources-office'],
      ['supervisor-and-mentor-assigned', '2026-01-12', 'supervisor'],
      ['first-week', '2026-01-19', 'supervisor'],
      ['day-30', '2026-02-11', 'supervisor'],
      ['executive-development-plan', '2026-04-12', 'supervisor'],
      ['day-90', '2026-04-12', 'supervisor'],
      ['month-6', '2026-07-13', 'supervisor'],
      ['month-9', '2026-10-12', 'supervisor'],
      ['year-1', '2027-01-12', 'supervisor'],
    ],
  );
  const state = started();
  assert.is(state.status, 'IN_PROGRESS');
  assert.is(state.appointmentEffectiveDate, EFFECTIVE);
  assert.is(state.supervisorId, null);
});
start('a what-if policy is pinned only when asked for; an unknown one is refused', () => {
  assert.is(given(startCmd({}, 'what-if-2yr-probation')).policyVersion, 'what-if-2yr-probation');
  assert.is(given(startCmd({}, undefined, HR, '2025-06-01T10:00:00.000Z')).policyVersion, 'ses-2025-05-29', 'the policy in force on the start date');
  expectRefusal(initialOnboardingState, startCmd({}, 'what-if-nope'), 'onboarding.start.unknown-policy-version', 'policyVersion', 'invalid');
});
start('refusals: role, actor, separation of duties, a program already over, a second start', () => {
  expectRefusal(initialOnboardingState, startCmd({}, undefined, SUP), 'onboarding.start.hr-specialist-only', undefined, 'invalid');
  expectRefusal(initialOnboardingState, startCmd({}, undefined, ERO), 'onboarding.start.hr-specialist-only', undefined, 'invalid');
  expectRefusal(
    initialOnboardingState,
    startCmd({}, undefined, { id: 'hr-bo', role: 'hr-specialist' }),
    'onboarding.start.starter-is-actor',
    'startedBy',
    'invalid',
  );
  expectRefusal(initialOnboardingState, startCmd({ executiveId: 'hr-ana' }), 'onboarding.start.separation-of-duties', 'startedBy', 'invalid');
  expectRefusal(
    initialOnboardingState,
    startCmd({ appointmentEffectiveDate: '2024-12-01' }),
    'onboarding.start.program-already-over',
    'appointmentEffectiveDate',
    'invalid',
  );
  // The year-1 due date itself is still a valid start (a late start of a transfer-in, say).
  assert.ok(given(startCmd({ appointmentEffectiveDate: '2025-01-05', reason: 'transfer-in' })).status === 'IN_PROGRESS');
  expectRefusal(started(), startCmd(), 'onboarding.start.already-started', undefined, 'conflict');
});
start('the start and action bodies are validated by zod, naming the field; the reason defaults to a new appointment', () => {
  const bad = OnboardingStartSchema.safeParse({ ...startBody(), caseId: 'x', appointmentEffectiveDate: '2026-13-40', agency: 'doe' });
  assert.not.ok(bad.success);
  assert.equal(bad.error?.issues.map((i) => i.path.join('.')).sort(), ['agency', 'appointmentEffectiveDate', 'caseId']);
  const { reason: _reason, ...withoutReason } = startBody();
  assert.is(OnboardingStartSchema.parse(withoutReason).reason, 'new-appointment');
  assert.not.ok(OnboardingStartSchema.safeParse({ ...startBody(), reason: 'promotion' }).success);
  assert.not.ok(OnboardingActionSchema.safeParse({ type: 'EndOnboarding', reason: 'retirement', note: 'x' }).success);
  assert.not.ok(OnboardingActionSchema.safeParse({ type: 'EndOnboarding', reason: 'transfer', note: '  ' }).success);
  assert.not.ok(OnboardingActionSchema.safeParse({ type: 'ConfirmMilestone' }).success);
  assert.not.ok(OnboardingActionSchema.safeParse({ type: 'Approve' }).success);
});
start('nothing but a start is taken before the program starts', () => {
  expectRefusal(initialOnboardingState, assignCmd(), 'onboarding.not-started', undefined, 'conflict');
  expectRefusal(initialOnboardingState, confirmCmd('day-30', day('2026-02-01')), 'onboarding.not-started');
  assert.is(nextOnboardingTimer(initialOnboardingState), null);
});
start.run();

// --- assignment -------------------------------------------------------------
const assignment = suite('onboarding: supervisor and mentor or coach');
assignment('an HR specialist or the executive-resources office assigns a supervisor with a mentor, a coach, or both', () => {
  const [event] = events(decideOnboarding(started(), assignCmd()));
  assert.equal(event, {
    type: 'OnboardingSupervisorAndMentorAssigned',
    data: { assignedBy: 'hr-ana', supervisorId: 'sup-ortiz', mentorId: 'men-park', coachId: null, previousSupervisorId: null },
    occurredAt: day('2026-01-06'),
  });
  const byOffice = given(startCmd(), act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', coachId: 'coach-ng' }, ERO, day('2026-01-07')));
  assert.equal([byOffice.supervisorId, byOffice.mentorId, byOffice.coachId], ['sup-ortiz', null, 'coach-ng']);
  const both = given(
    startCmd(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park', coachId: 'coach-ng' }, HR, day('2026-01-07')),
  );
  assert.equal([both.mentorId, both.coachId], ['men-park', 'coach-ng']);
});
assignment('a new supervisor can be assigned later; the previous one is recorded and loses the confirmations', () => {
  const state = given(
    startCmd(),
    assignCmd(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-lee', mentorId: 'men-park' }, ERO, day('2026-03-01')),
  );
  assert.is(state.supervisorId, 'sup-lee');
  assert.equal(
    state.assignments.map((a) => a.supervisorId),
    ['sup-ortiz', 'sup-lee'],
  );
  expectRefusal(state, confirmCmd('day-90', day('2026-04-01'), SUP), 'onboarding.confirm.assigned-supervisor-only', 'milestoneId', 'invalid');
  assert.ok(decideOnboarding(state, confirmCmd('day-90', day('2026-04-01'), OTHER_SUP)).ok);
});
assignment('refusals: role, no mentor or coach, the executive themself, supervisor as mentor or coach, unchanged', () => {
  expectRefusal(started(), assignCmd(day('2026-01-06'), SUP), 'onboarding.assign.hr-or-executive-resources-only', undefined, 'invalid');
  expectRefusal(started(), assignCmd(day('2026-01-06'), EXEC), 'onboarding.assign.hr-or-executive-resources-only', undefined, 'invalid');
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz' }, HR, day('2026-01-06')),
    'onboarding.assign.mentor-or-coach-required',
    'mentorId',
    'invalid',
  );
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'ex-rivera', mentorId: 'men-park' }, HR, day('2026-01-06')),
    'onboarding.assign.not-the-executive',
    'supervisorId',
  );
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'ex-rivera' }, HR, day('2026-01-06')),
    'onboarding.assign.not-the-executive',
    'mentorId',
  );
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', coachId: 'ex-rivera' }, HR, day('2026-01-06')),
    'onboarding.assign.not-the-executive',
    'coachId',
  );
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'sup-ortiz' }, HR, day('2026-01-06')),
    'onboarding.assign.mentor-not-supervisor',
    'mentorId',
  );
  expectRefusal(
    started(),
    act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', coachId: 'sup-ortiz' }, HR, day('2026-01-06')),
    'onboarding.assign.mentor-not-supervisor',
    'coachId',
  );
  expectRefusal(assigned(), assignCmd(day('2026-01-08'), ERO), 'onboarding.assign.unchanged', 'supervisorId', 'conflict');
});
assignment.run();

// --- confirmations ----------------------------------------------------------
const confirmation = suite('onboarding: milestone confirmations');
confirmation('the owner confirms on or before the due date: on time; after it: late by whole calendar days', () => {
  const [onTime] = events(decideOnboarding(assigned(), confirmCmd('first-week', '2026-01-19T23:59:00.000Z', SUP, 'Welcome lunch held.')));
  assert.equal(onTime, {
    type: 'OnboardingMilestoneConfirmed',
    data: {
      milestoneId: 'first-week',
      confirmedBy: 'sup-ortiz',
      role: 'supervisor',
      dueDate: '2026-01-19',
      late: false,
      daysLate: 0,
      note: 'Welcome lunch held.',
    },
    occurredAt: '2026-01-19T23:59:00.000Z',
  });
  const [late] = events(decideOnboarding(assigned(), confirmCmd('first-week', '2026-01-20T00:00:00.000Z')));
  assert.equal(late?.type === 'OnboardingMilestoneConfirmed' && [late.data.late, late.data.daysLate], [true, 1]);
  const [veryLate] = events(decideOnboarding(assigned(), confirmCmd('day-30', day('2026-03-13'))));
  assert.equal(veryLate?.type === 'OnboardingMilestoneConfirmed' && [veryLate.data.late, veryLate.data.daysLate], [true, 30]);
  const state = given(startCmd(), assignCmd(), confirmCmd('day-30', day('2026-03-13')));
  assert.equal(state.milestones.find((m) => m.id === 'day-30')?.confirmation, {
    by: 'sup-ortiz',
    role: 'supervisor',
    at: day('2026-03-13'),
    late: true,
    daysLate: 30,
  });
});
confirmation("pre-boarding is the executive-resources office's, before day 1, and needs no supervisor; supervisor milestones need the assigned one", () => {
  const state = given(startCmd(), confirmCmd('pre-boarding', day('2026-01-08'), ERO));
  assert.is(state.milestones[0]?.confirmation?.late, false);
  expectRefusal(
    started(),
    confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')),
    'onboarding.confirm.no-supervisor-assigned',
    'milestoneId',
    'conflict',
  );
  const ok = given(startCmd(), assignCmd(), confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')));
  assert.is(ok.milestones[1]?.confirmation?.late, false, 'assigned and confirmed before day 1');
});
confirmation('refusals: unknown milestone, second confirmation, wrong role, not the assigned supervisor, before the effective date, year 1 too early', () => {
  expectRefusal(assigned(), confirmCmd('day-60', day('2026-03-01')), 'onboarding.confirm.unknown-milestone', 'milestoneId', 'invalid');
  const once = given(startCmd(), assignCmd(), confirmCmd('first-week', day('2026-01-15')));
  expectRefusal(once, confirmCmd('first-week', day('2026-01-16')), 'onboarding.confirm.already-confirmed', 'milestoneId', 'conflict');
  expectRefusal(assigned(), confirmCmd('pre-boarding', day('2026-01-08'), SUP), 'onboarding.confirm.owner-only', 'milestoneId', 'invalid');
  // Another specialist than the starter: the starter is refused by separation of duties (separationOfDuties.decider.test.ts).
  expectRefusal(
    assigned(),
    confirmCmd('pre-boarding', day('2026-01-08'), { id: 'hr-bo', role: 'hr-specialist' }),
    'onboarding.confirm.owner-only',
    'milestoneId',
    'invalid',
  );
  expectRefusal(assigned(), confirmCmd('day-30', day('2026-02-01'), EXEC), 'onboarding.confirm.owner-only', 'milestoneId', 'invalid');
  expectRefusal(assigned(), confirmCmd('day-30', day('2026-02-01'), ERO), 'onboarding.confirm.owner-only', 'milestoneId', 'invalid');
  expectRefusal(assigned(), confirmCmd('day-30', day('2026-02-01'), OTHER_SUP), 'onboarding.confirm.assigned-supervisor-only', 'milestoneId', 'invalid');
  expectRefusal(started(), confirmCmd('day-30', day('2026-02-01')), 'onboarding.confirm.no-supervisor-assigned', 'milestoneId', 'conflict');
  expectRefusal(assigned(), confirmCmd('first-week', day('2026-01-11')), 'onboarding.confirm.before-day-0', 'milestoneId', 'conflict');
  expectRefusal(allButYear1OnTime(), confirmCmd('year-1', day('2026-10-11')), 'onboarding.confirm.final-milestone-too-early', 'milestoneId', 'conflict');
  assert.ok(decideOnboarding(allButYear1OnTime(), confirmCmd('year-1', day('2026-10-12'))).ok, 'from the month-9 due date on');
});
confirmation.run();

// --- completion and end -----------------------------------------------------
const outcome = suite('onboarding: completion and end');
outcome('confirming year 1 completes the program with the summary: all on time', () => {
  const decision = events(decideOnboarding(allButYear1OnTime(), confirmCmd('year-1', day('2027-01-12'))));
  assert.equal(
    decision.map((e) => e.type),
    ['OnboardingMilestoneConfirmed', 'OnboardingCompleted'],
  );
  assert.equal(decision[1]?.data, { summary: { onTime: IDS, late: [], neverConfirmed: [] } });
  const state = decision.reduce(evolveOnboarding, allButYear1OnTime());
  assert.is(state.status, 'COMPLETED');
  assert.equal(state.outcome, { status: 'COMPLETED', at: day('2027-01-12'), summary: { onTime: IDS, late: [], neverConfirmed: [] } });
});
outcome('the summary sorts every milestone into on time, late or never confirmed, in policy order', () => {
  const state = given(
    startCmd(),
    confirmCmd('pre-boarding', day('2026-01-10'), ERO),
    assignCmd(day('2026-01-20')),
    confirmCmd('supervisor-and-mentor-assigned', day('2026-01-20')),
    confirmCmd('day-30', day('2026-02-11')),
    confirmCmd('day-90', day('2026-05-01')),
    confirmCmd('year-1', day('2027-01-20')),
  );
  assert.equal(state.outcome?.summary, {
    onTime: ['pre-boarding', 'day-30'],
    late: ['supervisor-and-mentor-assigned', 'day-90', 'year-1'],
    neverConfirmed: ['first-week', 'executive-development-plan', 'month-6', 'month-9'],
  });
});
outcome('an HR specialist ends the program on a transfer or a separation, with the reason and the summary so far', () => {
  const state = given(
    startCmd(),
    assignCmd(),
    confirmCmd('first-week', day('2026-01-19')),
    act({ type: 'EndOnboarding', reason: 'transfer', note: 'Moved to NASA.' }, HR, day('2026-03-01')),
  );
  assert.is(state.status, 'ENDED');
  assert.equal(state.outcome, {
    status: 'ENDED',
    at: day('2026-03-01'),
    reason: 'transfer',
    note: 'Moved to NASA.',
    endedBy: 'hr-ana',
    summary: { onTime: ['first-week'], late: [], neverConfirmed: IDS.filter((id) => id !== 'first-week') },
  });
  const separated = given(startCmd(), act({ type: 'EndOnboarding', reason: 'separation', note: 'Resigned.' }, HR, day('2026-02-01')));
  assert.is(separated.outcome?.status === 'ENDED' && separated.outcome.reason, 'separation');
  expectRefusal(
    assigned(),
    act({ type: 'EndOnboarding', reason: 'separation', note: 'x' }, ERO, day('2026-02-01')),
    'onboarding.end.hr-specialist-only',
    undefined,
    'invalid',
  );
  expectRefusal(
    assigned(),
    act({ type: 'EndOnboarding', reason: 'separation', note: 'x' }, SUP, day('2026-02-01')),
    'onboarding.end.hr-specialist-only',
    undefined,
    'invalid',
  );
});
outcome('a completed or ended program takes no command, and waits for no timer', () => {
  const completed = given(startCmd(), assignCmd(), confirmCmd('year-1', day('2027-01-12')));
  const ended = given(startCmd(), act({ type: 'EndOnboarding', reason: 'separation', note: 'Resigned.' }, HR, day('2026-02-01')));
  for (const state of [completed, ended]) {
    expectRefusal(state, confirmCmd('month-9', day('2027-02-01')), 'onboarding.case-closed', undefined, 'conflict');
    expectRefusal(state, assignCmd(day('2027-02-01'), ERO), 'onboarding.case-closed', undefined, 'conflict');
    expectRefusal(state, act({ type: 'EndOnboarding', reason: 'transfer', note: 'x' }, HR, day('2027-02-01')), 'onboarding.case-closed');
    expectRefusal(state, { type: 'SendMilestoneReminder', at: day('2027-02-01'), actor: SYSTEM_ACTOR, milestoneId: 'month-9' }, 'onboarding.case-closed');
    expectRefusal(state, startCmd(), 'onboarding.start.already-started');
    assert.is(nextOnboardingTimer(state), null);
  }
});
outcome.run();

// --- timers -----------------------------------------------------------------
const timers = suite('onboarding: reminders and escalations');
timers('an unconfirmed milestone: reminder when its due date has passed, escalation to the executive-resources office 14 days later', () => {
  const first = nextOnboardingTimer(assigned());
  assert.equal(first, { kind: 'milestone-reminder', milestoneId: 'pre-boarding', dueAt: '2026-01-13T00:00:00.000Z' });
  const reminded = fire(assigned());
  assert.equal(reminded.event, {
    type: 'OnboardingMilestoneReminderSent',
    data: { milestoneId: 'pre-boarding', dueDate: '2026-01-12', owner: 'executive-resources-office', ownerId: null },
    occurredAt: '2026-01-13T00:00:00.000Z',
  });
  const second = fire(reminded.state);
  assert.equal(second.event.data, { milestoneId: 'supervisor-and-mentor-assigned', dueDate: '2026-01-12', owner: 'supervisor', ownerId: 'sup-ortiz' });
  assert.equal(nextOnboardingTimer(second.state), { kind: 'milestone-reminder', milestoneId: 'first-week', dueAt: '2026-01-20T00:00:00.000Z' });
  // Confirm the other early ones so the pre-boarding escalation is next.
  const s = given(startCmd(), assignCmd(), confirmCmd('supervisor-and-mentor-assigned', day('2026-01-10')), confirmCmd('first-week', day('2026-01-15')));
  const r = fire(s).state;
  assert.equal(nextOnboardingTimer(r), { kind: 'milestone-escalation', milestoneId: 'pre-boarding', dueAt: '2026-01-27T00:00:00.000Z' });
  const escalated = fire(r);
  assert.equal(escalated.event, {
    type: 'OnboardingMilestoneEscalated',
    data: { milestoneId: 'pre-boarding', dueDate: '2026-01-12', escalatedTo: 'executive-resources-office', daysOverdue: 15 },
    occurredAt: '2026-01-27T00:00:00.000Z',
  });
  assert.equal(nextOnboardingTimer(escalated.state)?.milestoneId, 'day-30', 'an escalated milestone waits for people only');
  // A confirmation after the escalation is recorded as late.
  const late = events(decideOnboarding(escalated.state, confirmCmd('pre-boarding', day('2026-02-02'), ERO)));
  assert.equal(late[0]?.type === 'OnboardingMilestoneConfirmed' && [late[0].data.late, late[0].data.daysLate], [true, 21]);
});
timers("a confirmation cancels the milestone's pending reminder or escalation", () => {
  const state = given(
    startCmd(),
    confirmCmd('pre-boarding', day('2026-01-08'), ERO),
    assignCmd(),
    confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')),
  );
  assert.equal(nextOnboardingTimer(state)?.milestoneId, 'first-week');
  const reminded = fire(state).state;
  assert.equal(nextOnboardingTimer(reminded)?.kind, 'milestone-escalation');
  const after = events(decideOnboarding(reminded, confirmCmd('first-week', day('2026-01-22')))).reduce(evolveOnboarding, reminded);
  assert.equal(nextOnboardingTimer(after)?.milestoneId, 'day-30');
});
timers('refusals of the system commands: not due, confirmed, sent twice, escalation before a reminder, not the system, unknown', () => {
  const s = assigned();
  const remind = (milestoneId: string, at: string, actor: Actor = SYSTEM_ACTOR): OnboardingCommand => ({
    type: 'SendMilestoneReminder',
    at,
    actor,
    milestoneId,
  });
  const escalate = (milestoneId: string, at: string, actor: Actor = SYSTEM_ACTOR): OnboardingCommand => ({ type: 'EscalateMilestone', at, actor, milestoneId });
  expectRefusal(s, remind('first-week', '2026-01-19T23:59:59.000Z'), 'onboarding.reminder.not-due', 'milestoneId', 'conflict');
  expectRefusal(s, remind('first-week', '2026-01-20T00:00:00.000Z', HR), 'onboarding.reminder.system-only', undefined, 'invalid');
  expectRefusal(s, remind('day-60', '2026-03-20T00:00:00.000Z'), 'onboarding.reminder.unknown-milestone', 'milestoneId');
  const confirmed = given(startCmd(), assignCmd(), confirmCmd('first-week', day('2026-01-15')));
  expectRefusal(confirmed, remind('first-week', '2026-01-20T00:00:00.000Z'), 'onboarding.reminder.already-confirmed', 'milestoneId');
  expectRefusal(confirmed, escalate('first-week', '2026-02-20T00:00:00.000Z'), 'onboarding.escalation.already-confirmed', 'milestoneId');
  const reminded = events(decideOnboarding(s, remind('first-week', '2026-01-20T00:00:00.000Z'))).reduce(evolveOnboarding, s);
  expectRefusal(reminded, remind('first-week', '2026-01-21T00:00:00.000Z'), 'onboarding.reminder.already-sent', 'milestoneId');
  expectRefusal(s, escalate('first-week', '2026-02-20T00:00:00.000Z'), 'onboarding.escalation.no-reminder', 'milestoneId');
  expectRefusal(reminded, escalate('first-week', '2026-02-02T23:59:59.000Z'), 'onboarding.escalation.not-due', 'milestoneId');
  expectRefusal(reminded, escalate('first-week', '2026-02-03T00:00:00.000Z', SUP), 'onboarding.escalation.system-only', undefined, 'invalid');
  expectRefusal(reminded, escalate('day-60', '2026-02-03T00:00:00.000Z'), 'onboarding.escalation.unknown-milestone', 'milestoneId');
  const escalated = events(decideOnboarding(reminded, escalate('first-week', '2026-02-03T00:00:00.000Z'))).reduce(evolveOnboarding, reminded);
  expectRefusal(escalated, escalate('first-week', '2026-02-04T00:00:00.000Z'), 'onboarding.escalation.already-escalated', 'milestoneId');
});
timers.run();

// --- properties -------------------------------------------------------------
// Random runs: a start, then any mix of actions and due timers, at increasing instants.
const ACTORS = [HR, ERO, SUP, OTHER_SUP, EXEC] as const;
const actionArb: fc.Arbitrary<OnboardingAction> = fc.oneof(
  fc.record({ supervisorId: fc.constantFrom('sup-ortiz', 'sup-lee'), mentor: fc.boolean(), coach: fc.boolean() }).map(({ supervisorId, mentor, coach }) => ({
    type: 'AssignSupervisorAndMentor' as const,
    supervisorId,
    ...(mentor ? { mentorId: 'men-park' } : {}),
    ...(coach ? { coachId: 'coach-ng' } : {}),
  })),
  { weight: 8, arbitrary: fc.constantFrom(...IDS, 'day-60').map((milestoneId): OnboardingAction => ({ type: 'ConfirmMilestone', milestoneId })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('transfer' as const, 'separation' as const)
      .map((reason): OnboardingAction => ({ type: 'EndOnboarding', reason, note: 'Leaves.' })),
  },
);
const stepArb = fc.record({
  gapDays: fc.integer({ min: 0, max: 60 }),
  action: fc.option(actionArb, { nil: null, freq: 5 }),
  actor: fc.option(fc.constantFrom(...ACTORS), { nil: null, freq: 3 }),
});
const runArb = fc.record({
  effectiveOffset: fc.integer({ min: -20, max: 40 }),
  whatIf: fc.boolean(),
  steps: fc.array(stepArb, { maxLength: 30 }),
});
/** Mostly the right person for the action (so runs reach completion), sometimes anyone. */
const rightActor = (state: OnboardingState, action: OnboardingAction): Actor => {
  if (action.type !== 'ConfirmMilestone') return HR;
  const owner = state.milestones.find((m) => m.id === action.milestoneId)?.owner;
  return owner === 'supervisor' ? { id: state.supervisorId ?? 'sup-ortiz', role: 'supervisor' } : ERO;
};
interface Run {
  states: OnboardingState[];
  events: OnboardingEvent[];
  decisions: { before: OnboardingState; decision: Decision<OnboardingEvent> }[];
  effective: string;
}
const play = ({
  effectiveOffset,
  whatIf,
  steps,
}: {
  effectiveOffset: number;
  whatIf: boolean;
  steps: { gapDays: number; action: OnboardingAction | null; actor: Actor | null }[];
}): Run => {
  const effective = addDays(dateOf(START_AT), effectiveOffset);
  let state = initialOnboardingState;
  const run: Run = { states: [], events: [], decisions: [], effective };
  const apply = (command: OnboardingCommand) => {
    const decision = decideOnboarding(state, command);
    run.decisions.push({ before: state, decision });
    if (decision.ok) {
      run.events.push(...decision.events);
      state = decision.events.reduce(evolveOnboarding, state);
      run.states.push(state);
    }
    return decision;
  };
  apply(startCmd({ appointmentEffectiveDate: effective }, whatIf ? 'what-if-2yr-probation' : undefined));
  let today = dateOf(START_AT);
  // A last empty step far ahead lets every remaining timer fire.
  for (const step of [...steps, { gapDays: 500, action: null, actor: null }]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    for (let timer = nextOnboardingTimer(state); timer && timer.dueAt <= now; timer = nextOnboardingTimer(state)) {
      if (!apply(onboardingTimerCommand(timer, timer.dueAt)).ok) throw new Error(`due timer ${timer.kind} ${timer.milestoneId} refused`);
    }
    if (step.action) apply(act(step.action, step.actor ?? rightActor(state, step.action), now));
  }
  return run;
};

const props = suite('onboarding: properties');
props('property: no event is ever accepted after a terminal state; the terminal event is the last', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const { before, decision } of run.decisions) if (isOnboardingTerminal(before)) assert.not.ok(decision.ok, 'a terminal program accepted a command');
      const end = run.events.findIndex((e) => e.type === 'OnboardingCompleted' || e.type === 'OnboardingEnded');
      assert.ok(end === -1 || end === run.events.length - 1, 'the terminal event is the last');
      const final = run.states.at(-1)!;
      if (isOnboardingTerminal(final)) assert.is(nextOnboardingTimer(final), null);
    }),
    { numRuns: 300 },
  );
});
props('property: replaying the stream (through parseEvent) always equals the live state', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const stored = run.events.map((e) => ({
        type: e.type,
        schemaVersion: ONBOARDING_EVENT_SCHEMA_VERSION,
        data: JSON.parse(JSON.stringify(e.data)),
        meta: { occurredAt: e.occurredAt },
      }));
      const live = run.states.at(-1)!;
      assert.equal(replay(onboardingDefinition, stored), live);
      assert.equal(JSON.parse(JSON.stringify(live)), live, 'the state is plain JSON');
    }),
    { numRuns: 300 },
  );
});
props('property: due dates, reminders and escalations are computed from the pinned policy and the effective date', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const state = run.states.at(-1)!;
      const policy = policyById(state.policyVersion!).onboarding;
      assert.equal(
        state.milestones.map((m) => [m.id, m.dueDate, m.owner]),
        policy.milestones.map((m) => [m.id, addDays(run.effective, m.dueDay), m.owner]),
      );
      for (const event of run.events) {
        if (event.type === 'OnboardingMilestoneReminderSent') assert.is(event.occurredAt, `${addDays(event.data.dueDate, 1)}T00:00:00.000Z`);
        if (event.type === 'OnboardingMilestoneEscalated') {
          assert.is(event.occurredAt, `${addDays(event.data.dueDate, 1 + policy.escalationAfterDays)}T00:00:00.000Z`);
          assert.is(event.data.daysOverdue, 1 + policy.escalationAfterDays);
        }
        if (event.type === 'OnboardingMilestoneConfirmed') {
          assert.is(event.data.late, dateOf(event.occurredAt) > event.data.dueDate);
          assert.is(event.data.dueDate, state.milestones.find((m) => m.id === event.data.milestoneId)!.dueDate);
        }
      }
      for (const m of state.milestones) {
        // Never an escalation without a reminder; never a reminder for a milestone confirmed on time.
        if (m.escalatedAt) assert.ok(m.reminderSentAt && m.reminderSentAt < m.escalatedAt);
        if (m.reminderSentAt && m.confirmation) assert.ok(m.confirmation.late, `${m.id} reminded yet confirmed on time`);
      }
    }),
    { numRuns: 300 },
  );
});
props('property: a completed program was completed by the year-1 confirmation, and its summary lists every milestone exactly once', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const state = run.states.at(-1)!;
      if (!state.outcome) return;
      const { onTime, late, neverConfirmed } = state.outcome.summary;
      assert.equal([...onTime, ...late, ...neverConfirmed].sort(), [...IDS].sort());
      if (state.outcome.status === 'COMPLETED') {
        assert.ok(state.milestones.find((m) => m.id === 'year-1')?.confirmation, 'completed without the year-1 confirmation');
        assert.not.ok(neverConfirmed.includes('year-1'));
      }
    }),
    { numRuns: 300 },
  );
});
props.run();

// --- examples ---------------------------------------------------------------
const examples = suite('onboarding: examples/onboarding-*.json');
examples('the example bodies parse and run through the decider in order', () => {
  const load = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `onboarding-${name}.json`), 'utf8'));
  const body = OnboardingStartSchema.parse(load('start'));
  let state = given(onboardingDefinition.startCommand(body, '2026-12-01T15:00:00.000Z', onboardingDefinition.starterOf(body)));
  const steps: [string, string][] = [
    ['assign', '2026-12-02T15:00:00.000Z'],
    ['confirm-pre-boarding', '2026-12-04T15:00:00.000Z'],
    ['confirm-first-week', '2026-12-14T15:00:00.000Z'],
    ['end', '2027-02-01T15:00:00.000Z'],
  ];
  for (const [name, at] of steps) {
    const { actor, action } = load(name);
    const command = onboardingDefinition.actionCommand(OnboardingActionSchema.parse(action), at, ActorSchema.parse(actor));
    state = events(decideOnboarding(state, command)).reduce(evolveOnboarding, state);
  }
  assert.is(state.status, 'ENDED');
  const year1 = load('confirm-year-1');
  assert.is(OnboardingActionSchema.parse(year1.action).type, 'ConfirmMilestone');
  assert.is(ActorSchema.parse(year1.actor).role, 'supervisor');
});
examples.run();
