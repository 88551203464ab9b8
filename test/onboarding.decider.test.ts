import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AGENCY_TIME_ZONES, agencyDateOf, agencyDayStart, timeZoneOf } from '../domain/agencyTimeZones';
import { addDays, localDateOf } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import {
  OnboardingActionSchema,
  OnboardingStartSchema,
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
import { deciderSpecification } from './support/deciderSpecification';

const spec = deciderSpecification(onboardingDefinition);

// --- fixtures: commands -------------------------------------------------------
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
/** The instant a timer due on that date fires: midnight in the agency's zone (DOE: New York, 05:00Z in winter, 04:00Z in summer). */
const midnight = (date: string) => agencyDayStart(date, 'DOE');
const dueOf = (id: string) => addDays(EFFECTIVE, POLICY.milestones.find((m) => m.id === id)!.dueDay);
const assignAction: OnboardingAction = { type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park' };
const assignCmd = (at = day('2026-01-06'), actor: Actor = HR) => act(assignAction, actor, at);
const confirmCmd = (milestoneId: string, at: string, actor: Actor = SUP, note?: string) =>
  act({ type: 'ConfirmMilestone', milestoneId, ...(note === undefined ? {} : { note }) }, actor, at);
const ownerOf = (id: string): Actor => (POLICY.milestones.find((m) => m.id === id)!.owner === 'supervisor' ? SUP : ERO);

// --- fixtures: events ---------------------------------------------------------
/** Started a week before the effective date, with the policy's milestones due from it. */
const started = (overrides: Partial<OnboardingStart> = {}): OnboardingEvent => ({
  type: 'OnboardingStarted',
  data: {
    start: startBody(overrides),
    policyVersion: 'ses-2025-10-01',
    milestones: POLICY.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDay: m.dueDay,
      dueDate: addDays(overrides.appointmentEffectiveDate ?? EFFECTIVE, m.dueDay),
      owner: m.owner,
    })),
    escalationAfterDays: 14,
  },
  occurredAt: START_AT,
});
const assignedOnly = (at = day('2026-01-06'), by: Actor = HR): OnboardingEvent => ({
  type: 'OnboardingSupervisorAndMentorAssigned',
  data: { assignedBy: by.id, supervisorId: 'sup-ortiz', mentorId: 'men-park', coachId: null, previousSupervisorId: null },
  occurredAt: at,
});
/** The first assignment also confirms the "supervisor and mentor assigned" milestone, by whoever made it. */
const assignmentConfirmed = (at = day('2026-01-06'), by: Actor = HR, daysLate = 0): OnboardingEvent => ({
  type: 'OnboardingMilestoneConfirmed',
  data: { milestoneId: 'supervisor-and-mentor-assigned', confirmedBy: by.id, role: by.role, dueDate: EFFECTIVE, late: daysLate > 0, daysLate },
  occurredAt: at,
});
const assigned = (at = day('2026-01-06'), by: Actor = HR): OnboardingEvent[] => [assignedOnly(at, by), assignmentConfirmed(at, by)];
/** Confirmed by its owner, `daysLate` calendar days after its due date. */
const confirmed = (milestoneId: string, at: string, by: Actor = ownerOf(milestoneId), daysLate = 0): OnboardingEvent => ({
  type: 'OnboardingMilestoneConfirmed',
  data: { milestoneId, confirmedBy: by.id, role: ownerOf(milestoneId).role, dueDate: dueOf(milestoneId), late: daysLate > 0, daysLate },
  occurredAt: at,
});
/** The reminder the day after the due date: to the assigned supervisor for theirs, else to the office. */
const reminded = (milestoneId: string): OnboardingEvent => ({
  type: 'OnboardingMilestoneReminderSent',
  data: {
    milestoneId,
    dueDate: dueOf(milestoneId),
    owner: ownerOf(milestoneId).role,
    ownerId: ownerOf(milestoneId).role === 'supervisor' ? SUP.id : null,
  },
  occurredAt: midnight(addDays(dueOf(milestoneId), 1)),
});
/** The escalation 14 days after the reminder. */
const escalated = (milestoneId: string): OnboardingEvent => ({
  type: 'OnboardingMilestoneEscalated',
  data: { milestoneId, dueDate: dueOf(milestoneId), escalatedTo: 'executive-resources-office', daysOverdue: 15 },
  occurredAt: midnight(addDays(dueOf(milestoneId), 15)),
});

const STARTED = [started()];
const ASSIGNED = [started(), ...assigned()];
/** Every milestone but year 1 confirmed by its owner on its due date. */
const ALL_BUT_YEAR_1_ON_TIME = [...ASSIGNED, ...IDS.filter((id) => id !== 'year-1').map((id) => confirmed(id, day(dueOf(id))))];
const COMPLETED = [
  ...ASSIGNED,
  confirmed('year-1', day('2027-01-12')),
  {
    type: 'OnboardingCompleted',
    data: { summary: { onTime: ['year-1'], late: [], neverConfirmed: IDS.filter((id) => id !== 'year-1') } },
    occurredAt: day('2027-01-12'),
  } satisfies OnboardingEvent,
];
const ENDED: OnboardingEvent[] = [
  started(),
  {
    type: 'OnboardingEnded',
    data: { reason: 'separation', note: 'Resigned.', endedBy: 'hr-ana', summary: { onTime: [], late: [], neverConfirmed: IDS } },
    occurredAt: day('2026-02-01'),
  },
];

// --- start ------------------------------------------------------------------
const start = suite('onboarding: start');
start('an HR specialist starts the program; it pins the policy and every milestone due date from the effective date', () => {
  spec
    .given([])
    .when(startCmd())
    .thenEvents((events, after) => {
      assert.equal(events, [started()]);
      const [event] = events;
      assert.equal(
        event?.type === 'OnboardingStarted' && [
          event.data.policyVersion,
          event.data.escalationAfterDays,
          event.data.milestones.map((m) => [m.id, m.dueDate, m.owner]),
        ],
        [
          'ses-2025-10-01',
          14,
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
        ],
      );
      assert.is(after.status, 'IN_PROGRESS');
      assert.is(after.appointmentEffectiveDate, EFFECTIVE);
      assert.is(after.supervisorId, null);
    });
});
start('a what-if policy is pinned only when asked for; an unknown one is refused', () => {
  spec
    .given([])
    .when(startCmd({}, 'what-if-2yr-probation'))
    .thenEvents((_, after) => assert.is(after.policyVersion, 'what-if-2yr-probation'));
  spec
    .given([])
    .when(startCmd({}, undefined, HR, '2025-06-01T10:00:00.000Z'))
    .thenEvents((_, after) => assert.is(after.policyVersion, 'ses-2025-05-29', 'the policy in force on the start date'));
  spec.given([]).when(startCmd({}, 'what-if-nope')).thenRefused('onboarding.start.unknown-policy-version', { field: 'policyVersion', kind: 'invalid' });
});
start('refusals: role, actor, separation of duties, a program already over, a second start', () => {
  spec
    .given([])
    .when(startCmd({}, undefined, SUP))
    .thenRefused('onboarding.start.hr-specialist-only', { kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({}, undefined, ERO))
    .thenRefused('onboarding.start.hr-specialist-only', { kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({}, undefined, { id: 'hr-bo', role: 'hr-specialist' }))
    .thenRefused('onboarding.start.starter-is-actor', { field: 'startedBy', kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({ executiveId: 'hr-ana' }))
    .thenRefused('onboarding.start.separation-of-duties', { field: 'startedBy', kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({ appointmentEffectiveDate: '2024-12-01' }))
    .thenRefused('onboarding.start.program-already-over', { field: 'appointmentEffectiveDate', kind: 'invalid' });
  // The year-1 due date itself is still a valid start (a late start of a transfer-in, say).
  spec
    .given([])
    .when(startCmd({ appointmentEffectiveDate: '2025-01-05', reason: 'transfer-in' }))
    .thenEvents((_, after) => assert.is(after.status, 'IN_PROGRESS'));
  spec.given(STARTED).when(startCmd()).thenRefused('onboarding.start.already-started', { kind: 'conflict' });
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
  spec.given([]).when(assignCmd()).thenRefused('onboarding.not-started', { kind: 'conflict' });
  spec
    .given([])
    .when(confirmCmd('day-30', day('2026-02-01')))
    .thenRefused('onboarding.not-started');
  assert.is(nextOnboardingTimer(spec.stateAfter([])), null);
});
start.run();

// --- assignment -------------------------------------------------------------
const assignment = suite('onboarding: supervisor and mentor or coach');
assignment('an HR specialist or the executive-resources office assigns a supervisor with a mentor, a coach, or both', () => {
  spec.given(STARTED).when(assignCmd()).then(assigned());
  spec
    .given(STARTED)
    .when(act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', coachId: 'coach-ng' }, ERO, day('2026-01-07')))
    .thenEvents((_, after) => assert.equal([after.supervisorId, after.mentorId, after.coachId], ['sup-ortiz', null, 'coach-ng']));
  spec
    .given(STARTED)
    .when(act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park', coachId: 'coach-ng' }, HR, day('2026-01-07')))
    .thenEvents((_, after) => assert.equal([after.mentorId, after.coachId], ['men-park', 'coach-ng']));
});
assignment('a new supervisor can be assigned later; the previous one is recorded and loses the confirmations', () => {
  const reassigned: OnboardingEvent = {
    type: 'OnboardingSupervisorAndMentorAssigned',
    data: { assignedBy: 'ero-kim', supervisorId: 'sup-lee', mentorId: 'men-park', coachId: null, previousSupervisorId: 'sup-ortiz' },
    occurredAt: day('2026-03-01'),
  };
  spec
    .given(ASSIGNED)
    .when(act({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-lee', mentorId: 'men-park' }, ERO, day('2026-03-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [reassigned]);
      assert.is(after.supervisorId, 'sup-lee');
      assert.equal(
        after.assignments.map((a) => a.supervisorId),
        ['sup-ortiz', 'sup-lee'],
      );
    });
  spec
    .given([...ASSIGNED, reassigned])
    .when(confirmCmd('day-90', day('2026-04-01'), SUP))
    .thenRefused('onboarding.confirm.assigned-supervisor-only', { field: 'milestoneId', kind: 'invalid' });
  spec
    .given([...ASSIGNED, reassigned])
    .when(confirmCmd('day-90', day('2026-04-01'), OTHER_SUP))
    .then([confirmed('day-90', day('2026-04-01'), OTHER_SUP)]);
});
assignment('refusals: role, no mentor or coach, the executive themself, supervisor as mentor or coach, unchanged', () => {
  const assign = (action: Omit<Extract<OnboardingAction, { type: 'AssignSupervisorAndMentor' }>, 'type'>) =>
    spec.given(STARTED).when(act({ type: 'AssignSupervisorAndMentor', ...action }, HR, day('2026-01-06')));
  spec
    .given(STARTED)
    .when(assignCmd(day('2026-01-06'), SUP))
    .thenRefused('onboarding.assign.hr-or-executive-resources-only', { kind: 'invalid' });
  spec
    .given(STARTED)
    .when(assignCmd(day('2026-01-06'), EXEC))
    .thenRefused('onboarding.assign.hr-or-executive-resources-only', { kind: 'invalid' });
  assign({ supervisorId: 'sup-ortiz' }).thenRefused('onboarding.assign.mentor-or-coach-required', { field: 'mentorId', kind: 'invalid' });
  assign({ supervisorId: 'ex-rivera', mentorId: 'men-park' }).thenRefused('onboarding.assign.not-the-executive', { field: 'supervisorId' });
  assign({ supervisorId: 'sup-ortiz', mentorId: 'ex-rivera' }).thenRefused('onboarding.assign.not-the-executive', { field: 'mentorId' });
  assign({ supervisorId: 'sup-ortiz', coachId: 'ex-rivera' }).thenRefused('onboarding.assign.not-the-executive', { field: 'coachId' });
  assign({ supervisorId: 'sup-ortiz', mentorId: 'sup-ortiz' }).thenRefused('onboarding.assign.mentor-not-supervisor', { field: 'mentorId' });
  assign({ supervisorId: 'sup-ortiz', coachId: 'sup-ortiz' }).thenRefused('onboarding.assign.mentor-not-supervisor', { field: 'coachId' });
  spec
    .given(ASSIGNED)
    .when(assignCmd(day('2026-01-08'), ERO))
    .thenRefused('onboarding.assign.unchanged', { field: 'supervisorId', kind: 'conflict' });
});
assignment.run();

// --- confirmations ----------------------------------------------------------
const confirmation = suite('onboarding: milestone confirmations');
confirmation('the owner confirms on or before the due date: on time; after it: late by whole calendar days', () => {
  spec
    .given(ASSIGNED)
    .when(confirmCmd('first-week', '2026-01-20T04:59:00.000Z', SUP, 'Welcome lunch held.'))
    .then([
      {
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
        occurredAt: '2026-01-20T04:59:00.000Z',
      },
    ]);
  spec
    .given(ASSIGNED)
    .when(confirmCmd('first-week', midnight('2026-01-20')))
    .then([confirmed('first-week', midnight('2026-01-20'), SUP, 1)]);
  spec
    .given(ASSIGNED)
    .when(confirmCmd('day-30', day('2026-03-13')))
    .thenEvents((events, after) => {
      assert.equal(events, [confirmed('day-30', day('2026-03-13'), SUP, 30)]);
      assert.equal(after.milestones.find((m) => m.id === 'day-30')?.confirmation, {
        by: 'sup-ortiz',
        role: 'supervisor',
        at: day('2026-03-13'),
        late: true,
        daysLate: 30,
      });
    });
});
confirmation("pre-boarding is the executive-resources office's, before day 1, and needs no supervisor; supervisor milestones need the assigned one", () => {
  spec
    .given(STARTED)
    .when(confirmCmd('pre-boarding', day('2026-01-08'), ERO))
    .thenEvents((_, after) => assert.is(after.milestones[0]?.confirmation?.late, false));
  spec
    .given(STARTED)
    .when(confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')))
    .thenRefused('onboarding.confirm.no-supervisor-assigned', { field: 'milestoneId', kind: 'conflict' });
  // The assignment confirmed it; a program assigned before it did so still has it open for the supervisor.
  assert.equal(spec.stateAfter(ASSIGNED).milestones[1]?.confirmation, { by: 'hr-ana', role: 'hr-specialist', at: day('2026-01-06'), late: false, daysLate: 0 });
  spec
    .given(ASSIGNED)
    .when(confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')))
    .thenRefused('onboarding.confirm.already-confirmed', { field: 'milestoneId', kind: 'conflict' });
  spec
    .given([started(), assignedOnly()])
    .when(confirmCmd('supervisor-and-mentor-assigned', day('2026-01-08')))
    .thenEvents((_, after) => assert.is(after.milestones[1]?.confirmation?.late, false, 'assigned and confirmed before day 1'));
});
confirmation('refusals: unknown milestone, second confirmation, wrong role, not the assigned supervisor, before the effective date, year 1 too early', () => {
  const confirming = (milestoneId: string, at: string, actor: Actor = SUP) => spec.given(ASSIGNED).when(confirmCmd(milestoneId, at, actor));
  confirming('day-60', day('2026-03-01')).thenRefused('onboarding.confirm.unknown-milestone', { field: 'milestoneId', kind: 'invalid' });
  spec
    .given([...ASSIGNED, confirmed('first-week', day('2026-01-15'))])
    .when(confirmCmd('first-week', day('2026-01-16')))
    .thenRefused('onboarding.confirm.already-confirmed', { field: 'milestoneId', kind: 'conflict' });
  confirming('pre-boarding', day('2026-01-08'), SUP).thenRefused('onboarding.confirm.owner-only', { field: 'milestoneId', kind: 'invalid' });
  // Another specialist than the starter: the starter is refused by separation of duties (separationOfDuties.decider.test.ts).
  confirming('pre-boarding', day('2026-01-08'), { id: 'hr-bo', role: 'hr-specialist' }).thenRefused('onboarding.confirm.owner-only', {
    field: 'milestoneId',
    kind: 'invalid',
  });
  confirming('day-30', day('2026-02-01'), EXEC).thenRefused('onboarding.confirm.owner-only', { field: 'milestoneId', kind: 'invalid' });
  confirming('day-30', day('2026-02-01'), ERO).thenRefused('onboarding.confirm.owner-only', { field: 'milestoneId', kind: 'invalid' });
  confirming('day-30', day('2026-02-01'), OTHER_SUP).thenRefused('onboarding.confirm.assigned-supervisor-only', { field: 'milestoneId', kind: 'invalid' });
  spec
    .given(STARTED)
    .when(confirmCmd('day-30', day('2026-02-01')))
    .thenRefused('onboarding.confirm.no-supervisor-assigned', { field: 'milestoneId', kind: 'conflict' });
  confirming('first-week', day('2026-01-11')).thenRefused('onboarding.confirm.before-day-0', { field: 'milestoneId', kind: 'conflict' });
  spec
    .given(ALL_BUT_YEAR_1_ON_TIME)
    .when(confirmCmd('year-1', day('2026-10-11')))
    .thenRefused('onboarding.confirm.final-milestone-too-early', { field: 'milestoneId', kind: 'conflict' });
  // From the month-9 due date on.
  spec
    .given(ALL_BUT_YEAR_1_ON_TIME)
    .when(confirmCmd('year-1', day('2026-10-12')))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['OnboardingMilestoneConfirmed', 'OnboardingCompleted'],
      ),
    );
});
confirmation.run();

// --- completion and end -----------------------------------------------------
const outcome = suite('onboarding: completion and end');
outcome('confirming year 1 completes the program with the summary: all on time', () => {
  spec
    .given(ALL_BUT_YEAR_1_ON_TIME)
    .when(confirmCmd('year-1', day('2027-01-12')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        confirmed('year-1', day('2027-01-12')),
        { type: 'OnboardingCompleted', data: { summary: { onTime: IDS, late: [], neverConfirmed: [] } }, occurredAt: day('2027-01-12') },
      ]);
      assert.is(after.status, 'COMPLETED');
      assert.equal(after.outcome, { status: 'COMPLETED', at: day('2027-01-12'), summary: { onTime: IDS, late: [], neverConfirmed: [] } });
    });
});
outcome('the summary sorts every milestone into on time, late or never confirmed, in policy order', () => {
  const summary = {
    onTime: ['pre-boarding', 'day-30'],
    late: ['supervisor-and-mentor-assigned', 'day-90', 'year-1'],
    neverConfirmed: ['first-week', 'executive-development-plan', 'month-6', 'month-9'],
  };
  spec
    .given([
      started(),
      confirmed('pre-boarding', day('2026-01-10')),
      // Assigned 8 days after day 0: the assignment confirms its milestone late.
      assignedOnly(day('2026-01-20')),
      assignmentConfirmed(day('2026-01-20'), HR, 8),
      confirmed('day-30', day('2026-02-11')),
      confirmed('day-90', day('2026-05-01'), SUP, 19),
    ])
    .when(confirmCmd('year-1', day('2027-01-20')))
    .thenEvents((events, after) => {
      assert.equal(events[1], { type: 'OnboardingCompleted', data: { summary }, occurredAt: day('2027-01-20') });
      assert.equal(after.outcome?.summary, summary);
    });
});
outcome('an HR specialist ends the program on a transfer or a separation, with the reason and the summary so far', () => {
  const summary = {
    onTime: ['supervisor-and-mentor-assigned', 'first-week'],
    late: [],
    neverConfirmed: IDS.filter((id) => id !== 'first-week' && id !== 'supervisor-and-mentor-assigned'),
  };
  spec
    .given([...ASSIGNED, confirmed('first-week', day('2026-01-19'))])
    .when(act({ type: 'EndOnboarding', reason: 'transfer', note: 'Moved to NASA.' }, HR, day('2026-03-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        { type: 'OnboardingEnded', data: { reason: 'transfer', note: 'Moved to NASA.', endedBy: 'hr-ana', summary }, occurredAt: day('2026-03-01') },
      ]);
      assert.is(after.status, 'ENDED');
      assert.equal(after.outcome, { status: 'ENDED', at: day('2026-03-01'), reason: 'transfer', note: 'Moved to NASA.', endedBy: 'hr-ana', summary });
    });
  spec
    .given(STARTED)
    .when(act({ type: 'EndOnboarding', reason: 'separation', note: 'Resigned.' }, HR, day('2026-02-01')))
    .thenEvents((_, after) => assert.is(after.outcome?.status === 'ENDED' && after.outcome.reason, 'separation'));
  spec
    .given(ASSIGNED)
    .when(act({ type: 'EndOnboarding', reason: 'separation', note: 'x' }, ERO, day('2026-02-01')))
    .thenRefused('onboarding.end.hr-specialist-only', { kind: 'invalid' });
  spec
    .given(ASSIGNED)
    .when(act({ type: 'EndOnboarding', reason: 'separation', note: 'x' }, SUP, day('2026-02-01')))
    .thenRefused('onboarding.end.hr-specialist-only', { kind: 'invalid' });
});
outcome('a completed or ended program takes no command, and waits for no timer', () => {
  assert.is(spec.stateAfter(COMPLETED).status, 'COMPLETED');
  assert.is(spec.stateAfter(ENDED).status, 'ENDED');
  for (const history of [COMPLETED, ENDED]) {
    const closed = (command: OnboardingCommand) => spec.given(history).when(command);
    closed(confirmCmd('month-9', day('2027-02-01'))).thenRefused('onboarding.case-closed', { kind: 'conflict' });
    closed(assignCmd(day('2027-02-01'), ERO)).thenRefused('onboarding.case-closed', { kind: 'conflict' });
    closed(act({ type: 'EndOnboarding', reason: 'transfer', note: 'x' }, HR, day('2027-02-01'))).thenRefused('onboarding.case-closed');
    closed({ type: 'SendMilestoneReminder', at: day('2027-02-01'), actor: SYSTEM_ACTOR, milestoneId: 'month-9' }).thenRefused('onboarding.case-closed');
    closed(startCmd()).thenRefused('onboarding.start.already-started');
    assert.is(nextOnboardingTimer(spec.stateAfter(history)), null);
  }
});
outcome.run();

// --- timers -----------------------------------------------------------------
const timers = suite('onboarding: reminders and escalations');
timers('an unconfirmed milestone: reminder when its due date has passed, escalation to the executive-resources office 14 days later', () => {
  const first = { kind: 'milestone-reminder', milestoneId: 'pre-boarding', dueAt: midnight('2026-01-13') } as const;
  assert.equal(nextOnboardingTimer(spec.stateAfter(ASSIGNED)), first);
  spec
    .given(ASSIGNED)
    .when(onboardingTimerCommand(first, first.dueAt))
    .then([
      {
        type: 'OnboardingMilestoneReminderSent',
        data: { milestoneId: 'pre-boarding', dueDate: '2026-01-12', owner: 'executive-resources-office', ownerId: null },
        occurredAt: midnight('2026-01-13'),
      },
    ]);
  // The assignment confirmed its own milestone: no reminder for it, the next is the first week's.
  assert.equal(nextOnboardingTimer(spec.stateAfter([...ASSIGNED, reminded('pre-boarding')])), {
    kind: 'milestone-reminder',
    milestoneId: 'first-week',
    dueAt: midnight('2026-01-20'),
  });
  const second = { kind: 'milestone-reminder', milestoneId: 'supervisor-and-mentor-assigned', dueAt: midnight('2026-01-13') } as const;
  spec
    .given([started(), assignedOnly(), reminded('pre-boarding')])
    .when(onboardingTimerCommand(second, second.dueAt))
    .thenEvents((events) =>
      assert.equal(events[0]?.data, { milestoneId: 'supervisor-and-mentor-assigned', dueDate: '2026-01-12', owner: 'supervisor', ownerId: 'sup-ortiz' }),
    );
  // Confirm the other early ones so the pre-boarding escalation is next.
  const early = [...ASSIGNED, confirmed('first-week', day('2026-01-15'))];
  assert.equal(nextOnboardingTimer(spec.stateAfter(early))?.milestoneId, 'pre-boarding');
  const remindedEarly = [...early, reminded('pre-boarding')];
  const escalation = { kind: 'milestone-escalation', milestoneId: 'pre-boarding', dueAt: midnight('2026-01-27') } as const;
  assert.equal(nextOnboardingTimer(spec.stateAfter(remindedEarly)), escalation);
  spec
    .given(remindedEarly)
    .when(onboardingTimerCommand(escalation, escalation.dueAt))
    .thenEvents((events, after) => {
      assert.equal(events, [
        {
          type: 'OnboardingMilestoneEscalated',
          data: { milestoneId: 'pre-boarding', dueDate: '2026-01-12', escalatedTo: 'executive-resources-office', daysOverdue: 15 },
          occurredAt: midnight('2026-01-27'),
        },
      ]);
      assert.equal(nextOnboardingTimer(after)?.milestoneId, 'day-30', 'an escalated milestone waits for people only');
    });
  // A confirmation after the escalation is recorded as late.
  spec
    .given([...remindedEarly, escalated('pre-boarding')])
    .when(confirmCmd('pre-boarding', day('2026-02-02'), ERO))
    .then([confirmed('pre-boarding', day('2026-02-02'), ERO, 21)]);
});
timers("a confirmation cancels the milestone's pending reminder or escalation", () => {
  const ready = [started(), confirmed('pre-boarding', day('2026-01-08')), ...assigned()];
  const firstWeek = { kind: 'milestone-reminder', milestoneId: 'first-week', dueAt: '2026-01-20T05:00:00.000Z' } as const;
  assert.equal(nextOnboardingTimer(spec.stateAfter(ready)), firstWeek);
  spec
    .given(ready)
    .when(onboardingTimerCommand(firstWeek, firstWeek.dueAt))
    .thenEvents((events, after) => {
      assert.equal(events, [reminded('first-week')]);
      assert.equal(nextOnboardingTimer(after)?.kind, 'milestone-escalation');
    });
  spec
    .given([...ready, reminded('first-week')])
    .when(confirmCmd('first-week', day('2026-01-22')))
    .thenEvents((_, after) => assert.equal(nextOnboardingTimer(after)?.milestoneId, 'day-30'));
});
timers('refusals of the system commands: not due, confirmed, sent twice, escalation before a reminder, not the system, unknown', () => {
  const remind = (milestoneId: string, at: string, actor: Actor = SYSTEM_ACTOR): OnboardingCommand => ({
    type: 'SendMilestoneReminder',
    at,
    actor,
    milestoneId,
  });
  const escalate = (milestoneId: string, at: string, actor: Actor = SYSTEM_ACTOR): OnboardingCommand => ({ type: 'EscalateMilestone', at, actor, milestoneId });
  spec
    .given(ASSIGNED)
    .when(remind('first-week', '2026-01-20T04:59:59.000Z'))
    .thenRefused('onboarding.reminder.not-due', { field: 'milestoneId', kind: 'conflict' });
  spec
    .given(ASSIGNED)
    .when(remind('first-week', midnight('2026-01-20'), HR))
    .thenRefused('onboarding.reminder.system-only', { kind: 'invalid' });
  spec
    .given(ASSIGNED)
    .when(remind('day-60', midnight('2026-03-20')))
    .thenRefused('onboarding.reminder.unknown-milestone', { field: 'milestoneId' });
  const confirmedOnTime = [...ASSIGNED, confirmed('first-week', day('2026-01-15'))];
  spec
    .given(confirmedOnTime)
    .when(remind('first-week', midnight('2026-01-20')))
    .thenRefused('onboarding.reminder.already-confirmed', { field: 'milestoneId' });
  spec
    .given(confirmedOnTime)
    .when(escalate('first-week', midnight('2026-02-20')))
    .thenRefused('onboarding.escalation.already-confirmed', { field: 'milestoneId' });
  spec
    .given(ASSIGNED)
    .when(remind('first-week', midnight('2026-01-20')))
    .then([reminded('first-week')]);
  const remindedOnce = [...ASSIGNED, reminded('first-week')];
  spec
    .given(remindedOnce)
    .when(remind('first-week', midnight('2026-01-21')))
    .thenRefused('onboarding.reminder.already-sent', { field: 'milestoneId' });
  spec
    .given(ASSIGNED)
    .when(escalate('first-week', midnight('2026-02-20')))
    .thenRefused('onboarding.escalation.no-reminder', { field: 'milestoneId' });
  spec.given(remindedOnce).when(escalate('first-week', '2026-02-03T04:59:59.000Z')).thenRefused('onboarding.escalation.not-due', { field: 'milestoneId' });
  spec
    .given(remindedOnce)
    .when(escalate('first-week', midnight('2026-02-03'), SUP))
    .thenRefused('onboarding.escalation.system-only', { kind: 'invalid' });
  spec
    .given(remindedOnce)
    .when(escalate('day-60', midnight('2026-02-03')))
    .thenRefused('onboarding.escalation.unknown-milestone', { field: 'milestoneId' });
  spec
    .given(remindedOnce)
    .when(escalate('first-week', midnight('2026-02-03')))
    .then([escalated('first-week')]);
  spec
    .given([...remindedOnce, escalated('first-week')])
    .when(escalate('first-week', midnight('2026-02-04')))
    .thenRefused('onboarding.escalation.already-escalated', { field: 'milestoneId' });
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
/** Plays a random run: every due timer fires first (as the workflow would), then the step's action. */
const play = ({
  effectiveOffset,
  whatIf,
  steps,
}: {
  effectiveOffset: number;
  whatIf: boolean;
  steps: { gapDays: number; action: OnboardingAction | null; actor: Actor | null }[];
}) => {
  const effective = addDays(agencyDateOf(START_AT, 'DOE'), effectiveOffset);
  const run = spec.newCase();
  run.send(startCmd({ appointmentEffectiveDate: effective }, whatIf ? 'what-if-2yr-probation' : undefined));
  let today = agencyDateOf(START_AT, 'DOE');
  // A last empty step far ahead lets every remaining timer fire.
  for (const step of [...steps, { gapDays: 500, action: null, actor: null }]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    for (let timer = nextOnboardingTimer(run.state); timer && timer.dueAt <= now; timer = nextOnboardingTimer(run.state)) {
      run.sendAccepted(onboardingTimerCommand(timer, timer.dueAt));
    }
    if (step.action) run.send(act(step.action, step.actor ?? rightActor(run.state, step.action), now));
  }
  return { events: run.events, states: run.states, decisions: run.decisions, effective };
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
        schemaVersion: onboardingDefinition.eventVersion(e.type),
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
        if (event.type === 'OnboardingMilestoneReminderSent') assert.is(event.occurredAt, agencyDayStart(addDays(event.data.dueDate, 1), 'DOE'));
        if (event.type === 'OnboardingMilestoneEscalated') {
          assert.is(event.occurredAt, agencyDayStart(addDays(event.data.dueDate, 1 + policy.escalationAfterDays), 'DOE'));
          assert.is(event.data.daysOverdue, 1 + policy.escalationAfterDays);
        }
        if (event.type === 'OnboardingMilestoneConfirmed') {
          assert.is(event.data.late, agencyDateOf(event.occurredAt, 'DOE') > event.data.dueDate);
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

// --- the agency's days ------------------------------------------------------
const agencyDays = suite("onboarding: the agency's days");
agencyDays("a Portland (BPA) program's reminder fires when the 13th begins there (08:00Z), and the command is not taken a millisecond before", () => {
  const bpa = [started({ agency: 'BPA' }), ...assigned()];
  const reminder = nextOnboardingTimer(spec.stateAfter(bpa))!;
  assert.equal(reminder, { kind: 'milestone-reminder', milestoneId: 'pre-boarding', dueAt: '2026-01-13T08:00:00.000Z' });
  spec.given(bpa).when(onboardingTimerCommand(reminder, '2026-01-13T07:59:59.999Z')).thenRefused('onboarding.reminder.not-due', { field: 'milestoneId' });
  spec
    .given(bpa)
    .when(onboardingTimerCommand(reminder, reminder.dueAt))
    .thenEvents((events) => assert.is(events[0]?.type, 'OnboardingMilestoneReminderSent'));
  // Confirmed at 11:59 pm in Portland on the due date: on time, though it is the 20th in UTC.
  spec
    .given(bpa)
    .when(confirmCmd('first-week', '2026-01-20T07:59:00.000Z'))
    .thenEvents((events) => assert.is(events[0]?.type === 'OnboardingMilestoneConfirmed' && events[0].data.late, false));
});
agencyDays('a start dated before the first policy version is refused naming the earliest date, never thrown', () => {
  spec
    .given([])
    .when(startCmd({ appointmentEffectiveDate: '2007-12-20' }, undefined, HR, '2007-12-31T12:00:00.000Z'))
    .thenRefused('onboarding.start.before-first-policy', { field: 'at', kind: 'invalid', message: 'the earliest takes effect 2008-01-01' });
  spec
    .given([])
    .when(startCmd({}, 'ses-1999'))
    .thenRefused('onboarding.start.unknown-policy-version', { field: 'policyVersion', message: 'unknown policy version "ses-1999"' });
});
agencyDays(
  'a program started before agency days (the workflow marks its commands daysIn UTC) keeps UTC days, 00:00 UTC timers and its old assignment rule',
  () => {
    const utc = (command: OnboardingCommand): OnboardingCommand => Object.assign({}, command, { daysIn: 'UTC' as const });
    assert.equal(nextOnboardingTimer(spec.stateAfter(ASSIGNED), 'UTC'), {
      kind: 'milestone-reminder',
      milestoneId: 'pre-boarding',
      dueAt: '2026-01-13T00:00:00.000Z',
    });
    spec
      .given(ASSIGNED)
      .when(
        utc(onboardingTimerCommand({ kind: 'milestone-reminder', milestoneId: 'pre-boarding', dueAt: '2026-01-13T00:00:00.000Z' }, '2026-01-13T00:00:00.000Z')),
      )
      .thenEvents((events) => assert.is(events[0]?.type, 'OnboardingMilestoneReminderSent'));
    // 00:30Z on the 20th is the 19th in Washington but the 20th in UTC: late for an older case.
    spec
      .given(ASSIGNED)
      .when(utc(confirmCmd('first-week', '2026-01-20T00:30:00.000Z')))
      .thenEvents((events) => assert.is(events[0]?.type === 'OnboardingMilestoneConfirmed' && events[0].data.daysLate, 1));
    spec.given(STARTED).when(utc(assignCmd())).then([assignedOnly()]);
  },
);
agencyDays("property: every reminder and escalation fires at the agency's midnight after its day, in every zone and across DST changes", () => {
  const agencyArb = fc.constantFrom('DOE', ...Object.keys(AGENCY_TIME_ZONES));
  // Effective dates over two years: every spring and autumn change falls on some milestone's day after.
  const effectiveArb = fc.integer({ min: 0, max: 730 }).map((n) => addDays('2026-01-01', n));
  fc.assert(
    fc.property(agencyArb, effectiveArb, (agency, effective) => {
      const zone = timeZoneOf(agency);
      const fresh = [started({ agency, appointmentEffectiveDate: effective })];
      const { milestones } = spec.stateAfter(fresh);
      // Each entry's note starts with its milestone's id.
      const dueDateOf = (note: string) => milestones.find((m) => note.startsWith(`${m.id} `) || note.startsWith(`${m.id}:`))!.dueDate;
      // Reminders, the day after each due date; once all are reminded, escalations 14 days later.
      for (const [events, after] of [
        [fresh, 1],
        [[...fresh, ...IDS.map((id) => reminded(id))], 15],
      ] as const) {
        for (const ahead of onboardingDefinition.ahead(spec.stateAfter(events))) {
          const due = dueDateOf(ahead.note);
          assert.is(localDateOf(ahead.dueAt, zone), addDays(due, after), `${ahead.note} in ${zone}`);
          assert.is(localDateOf(new Date(Date.parse(ahead.dueAt) - 1).toISOString(), zone), addDays(due, after - 1));
        }
      }
    }),
    { numRuns: 300 },
  );
});
agencyDays.run();

// --- examples ---------------------------------------------------------------
const examples = suite('onboarding: examples/onboarding-*.json');
examples('the example bodies parse and run through the decider in order', () => {
  const load = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `onboarding-${name}.json`), 'utf8'));
  const body = OnboardingStartSchema.parse(load('start'));
  const story = spec.newCase();
  story.sendAccepted(onboardingDefinition.startCommand(body, '2026-12-01T15:00:00.000Z', onboardingDefinition.starterOf(body)));
  const steps: [string, string][] = [
    ['assign', '2026-12-02T15:00:00.000Z'],
    ['confirm-pre-boarding', '2026-12-04T15:00:00.000Z'],
    ['confirm-first-week', '2026-12-14T15:00:00.000Z'],
    ['end', '2027-02-01T15:00:00.000Z'],
  ];
  for (const [name, at] of steps) {
    const { actor, action } = load(name);
    story.sendAccepted(onboardingDefinition.actionCommand(OnboardingActionSchema.parse(action), at, ActorSchema.parse(actor)));
  }
  assert.is(story.state.status, 'ENDED');
  const year1 = load('confirm-year-1');
  assert.is(OnboardingActionSchema.parse(year1.action).type, 'ConfirmMilestone');
  assert.is(ActorSchema.parse(year1.actor).role, 'supervisor');
});
examples.run();
