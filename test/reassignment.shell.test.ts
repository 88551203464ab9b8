import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { agencyDateOf } from '../domain/agencyTimeZones';
import { noticesFor, SILENT_EVENT_TYPES } from '../domain/notifications';
import { replay } from '../domain/processDefinition';
import { processNamed } from '../domain/processes';
import { reassignmentDefinition, type ReassignmentAction, type ReassignmentCommand, type ReassignmentStart } from '../domain/reassignment';
import type { Actor } from '../domain/roles';
import { REASSIGNMENT_START } from './support/processFixtures';
import { driveCase, storedEvents } from './support/recordedCase';

/**
 * What the shell derives from the reassignment definition, without Temporal: the commands
 * rebuilt from the stream (what-if), the notification table, the auditor's replay.
 */
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const EXEC: Actor = { id: 'ex-rivera', role: 'executive' };
const START = REASSIGNMENT_START;
const START_AT = '2026-11-02T15:00:00.000Z';
const start = (overrides: Partial<ReassignmentStart> = {}) => reassignmentDefinition.startCommand({ ...START, ...overrides }, START_AT, HR, 'ses-2025-10-01');
const hours = (at: string, h: number) => new Date(Date.parse(at) + h * 3_600_000).toISOString();
const today = (at: string) => agencyDateOf(at, 'DOE');
const act =
  (action: (day: string) => ReassignmentAction, actor: Actor) =>
  (at: string): ReassignmentCommand =>
    reassignmentDefinition.actionCommand(action(today(at)), at, actor);

/** Roughly in the order a case goes; any order gives mostly refusals. */
const POOL = [
  act((d) => ({ type: 'RecordConsultation', consultedOn: d, reasons: 'Realignment.', executivePreferences: 'Denver.' }), AA),
  act((d) => ({ type: 'ConsentToShorterNotice', consentedOn: d, statement: 'I consent.' }), EXEC),
  act((d) => ({ type: 'IssueNotice', noticeDate: d, effectiveDate: addDays(d, 60), reasons: 'Realignment.' }), AA),
  act((d) => ({ type: 'IssueNotice', noticeDate: d, effectiveDate: addDays(d, 20), reasons: 'Realignment.' }), AA),
  act((d) => ({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: d }), HR),
  act((d) => ({ type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: d, noncareer: true, makesInitialAppraisal: true }), HR),
  act((d) => ({ type: 'RecordDetail', from: addDays(d, -10), to: d }), HR),
  act(() => ({ type: 'RecordDefectiveConsultation', reason: 'Preferences not asked.' }), HR),
  act((d) => ({ type: 'RescheduleReassignment', effectiveDate: addDays(d, 130) }), HR),
  act(() => ({ type: 'DeclineReassignment', reason: 'Family.' }), EXEC),
  act(() => ({ type: 'WithdrawReassignment', reason: 'Not needed.' }), AA),
];

test('the accepted person commands round-trip through their events, timers firing in between (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ pick: fc.nat(POOL.length - 1), gap: fc.integer({ min: 1, max: 60 * 24 }) }), { minLength: 3, maxLength: 25 }),
      fc.boolean(),
      fc.boolean(),
      (steps, inPoolOrder, within) => {
        const picks = inPoolOrder ? [...steps].sort((a, b) => a.pick - b.pick) : steps;
        const first = start({ withinCommutingArea: within });
        let at = first.at;
        const commands = [first, ...picks.map(({ pick, gap }) => POOL[pick]!((at = hours(at, gap))))];
        const { events, accepted, state } = driveCase(reassignmentDefinition, 'reassignment-RA-2026-0001', commands, { skipRefused: true });
        const recorded = events.map((e) => ({ ...e, meta: { ...e.meta } }));
        assert.equal(reassignmentDefinition.recordedInputs(recorded), accepted);
        assert.equal(replay(reassignmentDefinition, recorded), state);
      },
    ),
    { numRuns: 200 },
  );
});

test('a case stored in SQLite gives back its commands, and the auditor rebuilds its state', async () => {
  const commands = [
    start(),
    POOL[0]!('2026-11-03T15:00:00.000Z'),
    POOL[2]!('2026-11-04T15:00:00.000Z'),
    POOL[4]!('2026-12-01T15:00:00.000Z'),
    act(() => ({ type: 'RescheduleReassignment', effectiveDate: '2027-04-01' }), HR)('2026-12-02T15:00:00.000Z'),
  ];
  const driven = driveCase(reassignmentDefinition, 'reassignment-RA-2026-0001', commands, { until: '2027-04-02T00:00:00.000Z' });
  const stored = await storedEvents('reassignment-RA-2026-0001', driven.events);
  assert.equal(reassignmentDefinition.recordedInputs(stored), commands);
  assert.is(driven.state.status, 'EFFECTIVE');
  assert.equal(replay(reassignmentDefinition, stored), driven.state);
  assert.equal(
    stored.map((e) => e.type),
    [
      'ReassignmentProposed',
      'ReassignmentConsultationRecorded',
      'ReassignmentNoticeIssued',
      'ReassignmentLeadershipChangeRecorded',
      'ReassignmentBlockedByMoratorium',
      'ReassignmentRescheduled',
      'ReassignmentEffected',
    ],
  );
});

test('the notification table: every event type tells someone but the silent one; a block tells the executive, the authority and HR with the earliest date', () => {
  assert.equal(SILENT_EVENT_TYPES.reassignment, ['ReassignmentDetailRecorded']);
  assert.is(processNamed('reassignment'), reassignmentDefinition as never);
  const commands = [
    start(),
    POOL[0]!('2026-11-03T15:00:00.000Z'),
    POOL[2]!('2026-11-04T15:00:00.000Z'),
    POOL[6]!('2026-11-20T15:00:00.000Z'),
    POOL[4]!('2026-12-01T15:00:00.000Z'),
  ];
  const { events } = driveCase(reassignmentDefinition, 'reassignment-RA-2026-0001', commands);
  let state = reassignmentDefinition.initialState;
  const told = new Map<string, ReturnType<typeof noticesFor>>();
  for (const stored of events) {
    const event = reassignmentDefinition.parseEvent({ ...stored, occurredAt: stored.meta.occurredAt });
    const after = reassignmentDefinition.evolve(state, event);
    told.set(event.type, noticesFor('reassignment', event, state, after, 'reassignment-RA-2026-0001'));
    state = after;
  }
  assert.equal(told.get('ReassignmentDetailRecorded'), []);
  const blocked = told.get('ReassignmentBlockedByMoratorium')![0]!;
  assert.equal(blocked.to, [{ subjectPersonId: 'ex-rivera' }, { personId: 'aa-wong' }, { personId: 'hr-ana' }, { role: 'hr-specialist' }]);
  assert.match(blocked.body, 'on or after 2027-04-01');
  assert.is(blocked.casePath, '/reassignment-cases/RA-2026-0001');
  const noticed = told.get('ReassignmentNoticeIssued')![0]!;
  assert.is(noticed.dueOn, '2027-01-03');
  assert.match(noticed.body, 'conduct ground');
  for (const [type, notices] of told) if (type !== 'ReassignmentDetailRecorded') assert.ok(notices.length > 0, `${type} tells someone`);
});

test.run();
