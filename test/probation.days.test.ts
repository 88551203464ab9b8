import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, daysBetween } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import {
  anniversaryOf,
  nextProbationTimer,
  probationTimersAhead,
  probationDefinition,
  probationEndDate,
  timerCommand,
  type NonpayKind,
  type ProbationAction,
  type ProbationCommand,
  type ProbationEvent,
  type ProbationStart,
} from '../domain/probation';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import { deciderSpecification } from './support/deciderSpecification';

/**
 * Probation on the agency's days (issue 13) and the corrections of SES-RULES §4/§6: the day a rule
 * checks is the agency's, timers fire at the start of its day (DST included), 29 February, a transfer
 * to another zone; 359.406 (a change after the notice, the (c) exceptions), 317.503 nonpay kinds,
 * certification given early and rescinded.
 */
const spec = deciderSpecification(probationDefinition);
const POLICY = policyById('ses-2025-10-01').probation;

const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const start = (overrides: Partial<ProbationStart> = {}): ProbationStart => ({
  caseId: 'EX-DAYS-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: '2026-01-12',
  criterion: 'A',
  priorTenure: 'career',
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
  ...overrides,
});
const started = (overrides: Partial<ProbationStart> = {}, endDate = '2027-01-11'): ProbationEvent => ({
  type: 'ProbationStarted',
  data: { start: start(overrides), policyVersion: 'ses-2025-10-01', lengthYears: 1, endDate },
  occurredAt: '2026-01-12T15:00:00.000Z',
});
const act = (action: ProbationAction, actor: Actor, at: string): ProbationCommand => probationDefinition.actionCommand(action, at, actor);
const noon = (date: string) => `${date}T17:00:00.000Z`;
const assessed: ProbationEvent = {
  type: 'ProbationAssessmentSubmitted',
  data: { supervisorId: SUP.id, conclusion: 'meets-level-of-excellence', summary: 'ok', developmentActivitiesAddressed: [] },
  occurredAt: noon('2026-05-01'),
};
const certified: ProbationEvent = {
  type: 'ProbationCertified',
  data: { appointingAuthorityId: AA.id, statement: 'Certified.', late: false },
  occurredAt: noon('2026-05-02'),
};
const headChanged = (effectiveDate: string, until: string, at = noon(effectiveDate)): ProbationEvent => ({
  type: 'ProbationLeadershipChangeRecorded',
  data: { trigger: 'new-agency-head', agency: 'DOE', effectiveDate, moratoriumUntil: until },
  occurredAt: at,
});
type Removal = Extract<ProbationAction, { type: 'ProposeRemoval' }>;
const propose = (overrides: Partial<Removal> = {}, at = noon('2026-06-10')) =>
  act({ type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-10', effectiveDate: '2026-07-10', reasons: 'Misconduct.', ...overrides }, AA, at);
/** The end-of-period timer among those ahead (the reminders come first). */
const endOfPeriod = (state: ReturnType<typeof spec.stateAfter>, daysIn?: 'UTC') => probationTimersAhead(state, daysIn).find((t) => t.kind === 'end-of-period')!;

/** The events after a command the story needs accepted. */
const accepted = (events: readonly ProbationEvent[], command: ProbationCommand): ProbationEvent[] => {
  const decision = probationDefinition.decide(spec.stateAfter(events), command);
  if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.error)}`);
  return [...events, ...decision.events];
};
const EXCEPTION = { ground: 'crime-punishable-by-imprisonment', reasons: 'A felony charge.', contestBy: '2026-06-17' } as const;

// --- the agency's days ------------------------------------------------------------
const days = suite('probation: the agency’s days');

days('not overdue at 7 pm Eastern on the last day; overdue at the start of the next day in Washington', () => {
  const given = [started(), assessed];
  // 2027-01-11T19:00-05:00 is 2027-01-12T00:00Z: the old UTC timer's instant.
  spec
    .given(given)
    .when({ type: 'ReachProbationEnd', at: '2027-01-11T19:00:00-05:00', actor: SYSTEM_ACTOR })
    .thenRefused('probation.end.not-yet', { message: 'it is 2027-01-11 in DOE' });
  const timer = endOfPeriod(spec.stateAfter(given));
  assert.equal(timer, { kind: 'end-of-period', dueAt: '2027-01-12T05:00:00.000Z' });
  spec
    .given(given)
    .when(timerCommand(timer, timer.dueAt))
    .then([{ type: 'ProbationCertificationOverdue', data: { endDate: '2027-01-11', assessmentSubmitted: true }, occurredAt: timer.dueAt }]);
});

days('a case started before agency days (daysIn UTC) keeps 00:00 UTC: its timers and its day, so its history replays', () => {
  const given = [started(), assessed];
  assert.equal(endOfPeriod(spec.stateAfter(given), 'UTC'), { kind: 'end-of-period', dueAt: '2027-01-12T00:00:00.000Z' });
  spec
    .given(given)
    .when({ type: 'ReachProbationEnd', at: '2027-01-12T00:00:00.000Z', actor: SYSTEM_ACTOR, daysIn: 'UTC' })
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['ProbationCertificationOverdue'],
      ),
    );
});

days('timers on daylight-saving change days fire at the local midnight (EDT from 8 March 2026, EST from 1 November 2026)', () => {
  // Appointed 2025-11-02: the period ends 2026-11-01, the day clocks fall back; its end timer fires at the start of 2 November (EST).
  const fallBack = spec.stateAfter([started({ appointmentEffectiveDate: '2025-11-02' }, '2026-11-01')]);
  assert.equal(
    probationDefinition.ahead(fallBack).map((a) => [a.kind, a.dueAt]),
    [
      ['certification-reminder', '2026-08-03T04:00:00.000Z'],
      ['certification-reminder', '2026-10-02T04:00:00.000Z'],
      ['end-of-period', '2026-11-02T05:00:00.000Z'],
    ],
  );
  // A removal effective on 8 March 2026, the day clocks spring forward: midnight is still EST (05:00Z).
  const pending = spec.stateAfter([
    started(),
    {
      type: 'ProbationRemovalProposed',
      data: { proposedBy: AA.id, ground: 'misconduct', noticeDate: '2026-02-20', effectiveDate: '2026-03-08', reasons: 'x', placementRight: 'none' },
      occurredAt: noon('2026-02-20'),
    },
  ]);
  assert.equal(nextProbationTimer(pending), { kind: 'removal-effective', dueAt: '2026-03-08T05:00:00.000Z' });
  assert.is(agencyDayStart('2026-03-09', 'DOE'), '2026-03-09T04:00:00.000Z');
  // Honolulu keeps no daylight saving: the same hour all year.
  assert.equal(
    ['2026-03-08', '2026-11-01'].map((d) => agencyDayStart(d, 'EWC')),
    ['2026-03-08T10:00:00.000Z', '2026-11-01T10:00:00.000Z'],
  );
});

days('a transfer to BPA: from then on the case counts Los Angeles days and its timers move to Los Angeles midnight', () => {
  const given: ProbationEvent[] = [
    started(),
    {
      type: 'ProbationerTransferred',
      data: { fromAgency: 'DOE', toAgency: 'BPA', effectiveDate: '2026-05-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' },
      occurredAt: noon('2026-05-01'),
    },
  ];
  const timer = nextProbationTimer(spec.stateAfter(given))!;
  assert.equal(timer, { kind: 'certification-reminder', daysBeforeEnd: 90, dueAt: '2026-10-13T07:00:00.000Z' });
  // 11 pm in Washington on the reminder's eve is still 8 pm of the day before in Los Angeles.
  spec
    .given(given)
    .when({ type: 'SendCertificationReminder', daysBeforeEnd: 90, at: '2026-10-13T03:00:00.000Z', actor: SYSTEM_ACTOR })
    .thenRefused('probation.reminder.not-due', { field: 'daysBeforeEnd', message: 'not 2026-10-12' });
  spec
    .given(given)
    .when(timerCommand(timer, timer.dueAt))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['ProbationCertificationReminderSent'],
      ),
    );
});

days('an action at 9 pm Pacific is on the Pacific date: a BPA removal noticed "today" at 2026-06-10T21:00-07:00', () => {
  // In UTC it is already 11 June; the notice of 10 June is today in BPA, not yesterday.
  spec
    .given([started({ agency: 'BPA' })])
    .when(propose({ ground: 'performance', noticeDate: '2026-06-11' }, '2026-06-10T21:00:00-07:00'))
    .thenRefused('probation.removal.notice-not-given', { field: 'noticeDate', message: 'after today 2026-06-10' });
});

days('29 February: the anniversary in a common year is 1 March, so the period ends 28 February; in a leap year 29 February itself', () => {
  assert.is(anniversaryOf('2028-02-29', 1), '2029-03-01');
  assert.is(probationEndDate('2028-02-29', POLICY, 0), '2029-02-28');
  assert.is(anniversaryOf('2028-02-29', 4), '2032-02-29');
  assert.is(probationEndDate('2028-02-29', { ...POLICY, lengthYears: 2 }, 0), '2030-02-28');
  // Never the same end as the day before: 28 February ends 27 February, 1 March ends 28 February like 29 February.
  assert.is(probationEndDate('2028-02-28', POLICY, 0), '2029-02-27');
  assert.is(probationEndDate('2028-03-01', POLICY, 0), '2029-02-28');
  spec
    .given([])
    .when(probationDefinition.startCommand(start({ appointmentEffectiveDate: '2028-02-29' }), '2028-02-29T15:00:00.000Z', HR, undefined))
    .thenEvents((events) => assert.is((events[0]!.data as { endDate: string }).endDate, '2029-02-28'));
});

days('property: the end date is one calendar year on, never shorter, for any appointment date (29 February included)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 366 * 12 }), (n) => {
      const appointed = addDays('2024-01-01', n);
      const end = probationEndDate(appointed, POLICY, 0);
      assert.ok([364, 365].includes(daysBetween(appointed, end)), `${appointed} -> ${end}`);
      assert.ok(end >= probationEndDate(addDays(appointed, -1), POLICY, 0), 'monotone in the appointment date');
    }),
  );
});
days.run();

// --- 317.503: nonpay ---------------------------------------------------------------
const nonpay = suite('probation: nonpay status (317.503)');

nonpay('military duty and compensable injury never extend the period; other nonpay beyond 30 days does', () => {
  spec
    .given([started()])
    .when(act({ type: 'RecordNonpayPeriod', from: '2026-02-01', to: '2026-04-30', kind: 'military-duty' }, HR, noon('2026-05-01')))
    .then([
      {
        type: 'ProbationNonpayRecorded',
        data: { from: '2026-02-01', to: '2026-04-30', days: 89, kind: 'military-duty', totalNonpayDays: 89, otherNonpayDays: 0 },
        occurredAt: noon('2026-05-01'),
      },
    ]);
  spec
    .given([started()])
    .when(act({ type: 'RecordNonpayPeriod', from: '2026-02-01', to: '2026-03-12' }, HR, noon('2026-05-01')))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationNonpayRecorded', 'ProbationEndDateExtended'],
      );
      assert.is(after.endDate, '2027-01-21', '40 days of other nonpay: 10 beyond the 30 counted');
    });
});

nonpay('a v1 nonpay event (stored before the kinds) reads as other nonpay', () => {
  const parsed = probationDefinition.parseEvent({
    type: 'ProbationNonpayRecorded',
    schemaVersion: 1,
    data: { from: '2026-02-01', to: '2026-02-10', days: 10, totalNonpayDays: 10 },
    occurredAt: noon('2026-02-11'),
  });
  assert.equal(parsed.data, { from: '2026-02-01', to: '2026-02-10', days: 10, totalNonpayDays: 10, kind: 'other', otherNonpayDays: 10 });
});

const kindArb = fc.constantFrom<NonpayKind>('military-duty', 'compensable-injury', 'other');
nonpay('property: the end date is monotone in other nonpay days and unchanged by military duty or injury, for any appointment date', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 366 * 8 }),
      fc.array(fc.record({ kind: kindArb, days: fc.integer({ min: 1, max: 40 }) }), { maxLength: 6 }),
      (n, periods) => {
        const appointed = addDays('2026-01-01', n);
        const run = spec.newCase();
        run.send(probationDefinition.startCommand(start({ appointmentEffectiveDate: appointed }), `${appointed}T15:00:00.000Z`, HR, 'ses-2025-10-01'));
        let from = addDays(appointed, 1);
        let other = 0;
        let previousEnd = run.state.endDate!;
        for (const period of periods) {
          const to = addDays(from, period.days - 1);
          if (to > run.state.endDate!) break;
          run.sendAccepted(act({ type: 'RecordNonpayPeriod', from, to, kind: period.kind }, HR, `${addDays(to, 1)}T15:00:00.000Z`));
          if (period.kind === 'other') other += period.days;
          const end = run.state.endDate!;
          if (period.kind === 'other') assert.ok(end >= previousEnd, 'other nonpay never shortens the period');
          else assert.is(end, previousEnd, `${period.kind} leaves the end date`);
          assert.is(end, probationEndDate(appointed, POLICY, other));
          previousEnd = end;
          from = addDays(to, 2);
        }
      },
    ),
  );
});
nonpay.run();

// --- 359.406: the removal moratorium -------------------------------------------------
const moratorium = suite('probation: the removal moratorium (5 CFR 359.406)');

moratorium('a removal noticed on or after the change, effective within the 120 days, is refused unless the notice invokes an exception', () => {
  const given = [started(), headChanged('2026-06-01', '2026-09-29')];
  spec.given(given).when(propose()).thenRefused('probation.removal.moratorium', { field: 'effectiveDate', message: 'unless the notice invokes an exception' });
  spec
    .given(given)
    .when(propose({ moratoriumException: EXCEPTION }))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationRemovalProposed'],
      );
      assert.equal(after.removal?.moratoriumException, EXCEPTION);
    });
});

moratorium('the exception: reasons in the notice, at least 7 days to contest, decided after the window and before the effective date', () => {
  const given = [started(), headChanged('2026-06-01', '2026-09-29')];
  spec
    .given(given)
    .when(propose({ moratoriumException: { ...EXCEPTION, contestBy: '2026-06-16' } }))
    .thenRefused('probation.removal.exception-contest-window', { field: 'moratoriumException.contestBy', message: 'contestBy 2026-06-17 or later' });
  spec
    .given(given)
    .when(propose({ moratoriumException: EXCEPTION, effectiveDate: '2026-06-18' }))
    .thenRefused('probation.removal.exception-decision-before-effective-date', { field: 'effectiveDate', message: 'earliest effective date is 2026-06-19' });
  spec
    .given([started()])
    .when(propose({ moratoriumException: EXCEPTION }))
    .thenRefused('probation.removal.exception-without-moratorium', { field: 'moratoriumException' });

  const proposed = accepted(given, propose({ moratoriumException: EXCEPTION }));
  const decide = (upheld: boolean, date: string) => act({ type: 'DecideMoratoriumException', upheld, reasons: 'Decided.' }, AA, noon(date));
  spec.given(proposed).when(decide(true, '2026-06-17')).thenRefused('probation.exception.contest-window-open', { message: 'through 2026-06-17' });
  spec.given(proposed).when(decide(true, '2026-07-10')).thenRefused('probation.exception.too-late');
  spec
    .given(proposed)
    .when(act({ type: 'DecideMoratoriumException', upheld: true, reasons: 'Decided.' }, SUP, noon('2026-06-20')))
    .thenRefused('probation.exception.case-appointing-authority-only');
  // Upheld: the removal takes effect within the moratorium.
  const upheld = accepted(proposed, decide(true, '2026-06-20'));
  const timer = nextProbationTimer(spec.stateAfter(upheld))!;
  assert.equal(timer, { kind: 'removal-effective', dueAt: '2026-07-10T04:00:00.000Z' });
  spec
    .given(upheld)
    .when(timerCommand(timer, timer.dueAt))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['ProbationerRemoved'],
      ),
    );
  // Not upheld: withdrawn at once, naming the moratorium's last day.
  spec
    .given(proposed)
    .when(decide(false, '2026-06-20'))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationMoratoriumExceptionDecided', 'ProbationRemovalWithdrawn'],
      );
      assert.is((events[1]!.data as { blockedByMoratoriumUntil?: string }).blockedByMoratoriumUntil, '2026-09-29');
      assert.is(after.status, 'ON_PROBATION');
    });
  // Undecided when the effective date comes: it cannot take effect.
  spec
    .given(proposed)
    .when(timerCommand(timer, timer.dueAt))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationRemovalWithdrawn'],
      );
      assert.match((events[0]!.data as { reason: string }).reason, /no decision upheld the moratorium exception/);
      assert.is(after.status, 'ON_PROBATION');
    });
});

moratorium('property: for any leadership change after a removal notice, the removal is not withdrawn and takes effect on its date', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.constantFrom('new-agency-head' as const, 'new-noncareer-supervisor' as const),
      (noticeOffset, effectiveOffset, changeOffset, trigger) => {
        const noticeDate = addDays('2026-03-01', noticeOffset);
        const effectiveDate = addDays(noticeDate, effectiveOffset);
        // A change after the notice day, on or before the effective date (the removal's timer has not fired yet).
        const changeDate = addDays(noticeDate, 1 + (changeOffset % effectiveOffset));
        const noticed = accepted([started()], propose({ noticeDate, effectiveDate }, noon(noticeDate)));
        const changed = accepted(
          noticed,
          act({ type: 'RecordLeadershipChange', trigger, effectiveDate: changeDate, removalAuthority: true }, HR, noon(changeDate)),
        );
        assert.equal(
          changed.slice(noticed.length).map((e) => e.type),
          ['ProbationLeadershipChangeRecorded'],
        );
        const state = spec.stateAfter(changed);
        assert.is(state.status, 'REMOVAL_PROPOSED');
        const timer = nextProbationTimer(state)!;
        assert.equal(
          accepted(changed, timerCommand(timer, timer.dueAt))
            .slice(changed.length)
            .map((e) => e.type),
          ['ProbationerRemoved'],
        );
      },
    ),
  );
});

moratorium('a case started before agency days keeps the rule it ran under: a leadership change withdraws a pending removal it covers', () => {
  const noticed = accepted([started()], propose({ noticeDate: '2026-03-02', effectiveDate: '2026-04-01' }, noon('2026-03-02')));
  spec
    .given(noticed)
    .when({
      ...act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-03-10', removalAuthority: true }, HR, noon('2026-03-10')),
      daysIn: 'UTC',
    })
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationLeadershipChangeRecorded', 'ProbationRemovalWithdrawn'],
      );
      assert.is(after.status, 'ON_PROBATION');
    });
});
moratorium.run();

// --- certification given early ---------------------------------------------------------
const early = suite('probation: a certification given early');

early('does not block a removal while the period runs; a withdrawn removal leaves it certified', () => {
  const given = [started(), assessed, certified];
  spec
    .given(given)
    .when(propose())
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ProbationRemovalProposed'],
      );
      assert.is(after.status, 'REMOVAL_PROPOSED');
    });
  const proposed = accepted(given, propose());
  spec
    .given(proposed)
    .when(act({ type: 'WithdrawRemoval', reason: 'Cleared.' }, AA, noon('2026-06-20')))
    .thenEvents((_events, after) => assert.is(after.status, 'CERTIFIED'));
});

early('can be rescinded before the end date by the appointing authority; the case is on probation again and its reminders and end come back', () => {
  const given = [started(), assessed, certified];
  spec
    .given(given)
    .when(act({ type: 'RescindCertification', reason: 'Facts that came to light since.' }, AA, noon('2026-09-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        {
          type: 'ProbationCertificationRescinded',
          data: { rescindedBy: AA.id, reason: 'Facts that came to light since.', certifiedAt: noon('2026-05-02') },
          occurredAt: noon('2026-09-01'),
        },
      ]);
      assert.is(after.status, 'ON_PROBATION');
      assert.is(after.certification, null);
      assert.is(after.rescindedCertifications.length, 1);
      assert.equal(nextProbationTimer(after), { kind: 'certification-reminder', daysBeforeEnd: 90, dueAt: '2026-10-13T04:00:00.000Z' });
    });
  spec
    .given(given)
    .when(act({ type: 'RescindCertification', reason: 'x' }, SUP, noon('2026-09-01')))
    .thenRefused('probation.rescind.case-appointing-authority-only');
  spec
    .given([started(), assessed])
    .when(act({ type: 'RescindCertification', reason: 'x' }, AA, noon('2026-09-01')))
    .thenRefused('probation.rescind.not-certified', { kind: 'conflict' });
  // On the last day, 10 pm in Washington (already the next day in UTC), it may still be rescinded.
  spec
    .given(given)
    .when(act({ type: 'RescindCertification', reason: 'x' }, AA, '2027-01-11T22:00:00-05:00'))
    .thenEvents((events) => assert.is(events[0]!.type, 'ProbationCertificationRescinded'));
});
early.run();
