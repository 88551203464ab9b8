import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, daysBetween } from '../domain/calendar';
import { moratoriumUntil } from '../domain/leadershipMoratorium';
import { policyById } from '../domain/policyVersions';
import {
  blockOf,
  nextReassignmentTimer,
  reassignmentDefinition,
  reassignmentTimerCommand,
  type ReassignmentAction,
  type ReassignmentCommand,
  type ReassignmentEvent,
  type ReassignmentStart,
} from '../domain/reassignment';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import { deciderSpecification } from './support/deciderSpecification';

const spec = deciderSpecification(reassignmentDefinition);
const POLICY = policyById('ses-2025-10-01').reassignment;

// --- fixtures -------------------------------------------------------------------
/** Noon in Washington (DOE counts its days there). */
const day = (date: string) => `${date}T17:00:00.000Z`;
const START_DAY = '2026-12-01';
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const AA: Actor = { id: 'aa-cole', role: 'appointing-authority' };
const EXEC: Actor = { id: 'ex-vance', role: 'executive' };

const startBody = (overrides: Partial<ReassignmentStart> = {}): ReassignmentStart => ({
  caseId: 'RA-2026-0003',
  executiveId: 'ex-vance',
  agency: 'DOE',
  kind: 'directed',
  toPositionId: 'DOE-SES-0412',
  withinCommutingArea: false,
  appointingAuthorityId: 'aa-cole',
  startedBy: 'hr-ana',
  ...overrides,
});
const startCmd = (overrides: Partial<ReassignmentStart> = {}, actor: Actor = HR, at = day(START_DAY), policyVersion?: string): ReassignmentCommand =>
  reassignmentDefinition.startCommand(startBody(overrides), at, actor, policyVersion);
const act = (action: ReassignmentAction, actor: Actor, at = day(START_DAY)): ReassignmentCommand => reassignmentDefinition.actionCommand(action, at, actor);

const proposed = (overrides: Partial<ReassignmentStart> = {}): ReassignmentEvent => ({
  type: 'ReassignmentProposed',
  data: { start: startBody(overrides), policyVersion: 'ses-2025-10-01', requiredNoticeDays: overrides.withinCommutingArea ? 15 : 60 },
  occurredAt: day(START_DAY),
});
const consultation: ReassignmentAction = {
  type: 'RecordConsultation',
  consultedOn: START_DAY,
  reasons: 'Realignment of the grid office.',
  executivePreferences: 'Prefers Denver.',
};
const consulted: ReassignmentEvent = {
  type: 'ReassignmentConsultationRecorded',
  data: { consultedBy: 'aa-cole', consultedOn: START_DAY, reasons: 'Realignment of the grid office.', executivePreferences: 'Prefers Denver.' },
  occurredAt: day(START_DAY),
};
/** Reasons null: a notice without them. */
const notice = (effectiveDate: string, noticeDate = START_DAY, reasons: string | null = 'Realignment.'): ReassignmentAction => ({
  type: 'IssueNotice',
  noticeDate,
  effectiveDate,
  ...(reasons === null ? {} : { reasons }),
});
const noticed = (effectiveDate: string, noticeDays: number, required = 60, noticeDate = START_DAY): ReassignmentEvent => ({
  type: 'ReassignmentNoticeIssued',
  data: {
    issuedBy: 'aa-cole',
    noticeDate,
    effectiveDate,
    reasons: 'Realignment.',
    noticeDays,
    requiredNoticeDays: required,
    waivedByConsent: false,
    exceptions: [],
  },
  occurredAt: day(noticeDate),
});
const headChange = (effectiveDate: string): ReassignmentAction => ({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate });
const headChanged = (effectiveDate: string, at = START_DAY): ReassignmentEvent => ({
  type: 'ReassignmentLeadershipChangeRecorded',
  data: { trigger: 'new-agency-head', effectiveDate, moratoriumUntil: addDays(effectiveDate, 120) },
  occurredAt: day(at),
});
const supervisorChanged = (effectiveDate: string): ReassignmentEvent => ({
  type: 'ReassignmentLeadershipChangeRecorded',
  data: { trigger: 'new-noncareer-supervisor', effectiveDate, moratoriumUntil: addDays(effectiveDate, 120) },
  occurredAt: day(START_DAY),
});

const OUTSIDE = [proposed()];
const CONSULTED = [...OUTSIDE, consulted];
// 60 days after 2026-12-01.
const SIXTY = '2027-01-30';
const NOTICED = [...CONSULTED, noticed(SIXTY, 60)];
const WITHIN = [proposed({ withinCommutingArea: true })];

// --- start ------------------------------------------------------------------------
const start = suite('reassignment: start');
start('an HR specialist proposes it; it pins the policy and the notice it needs (60 days outside, 15 within)', () => {
  spec.given([]).when(startCmd()).then([proposed()]);
  spec
    .given([])
    .when(startCmd({ withinCommutingArea: true }))
    .then([proposed({ withinCommutingArea: true })]);
  assert.is(spec.stateAfter(OUTSIDE).status, 'PROPOSED');
  assert.is(POLICY.outsideCommutingAreaNoticeDays, 60);
  assert.is(POLICY.commutingAreaNoticeDays, 15);
});
start('refusals: an HR specialist as themself, never the executive or the appointing authority, a known policy, not before the first', () => {
  spec.given([]).when(startCmd({}, AA)).thenRefused('reassignment.start.hr-specialist-only', { kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({}, { id: 'hr-bo', role: 'hr-specialist' }))
    .thenRefused('reassignment.start.starter-is-actor', { field: 'startedBy' });
  spec
    .given([])
    .when(startCmd({ appointingAuthorityId: 'hr-ana' }))
    .thenRefused('reassignment.separation-of-duties', { field: 'appointingAuthorityId' });
  spec
    .given([])
    .when(startCmd({ appointingAuthorityId: 'ex-vance' }))
    .thenRefused('reassignment.start.separation-of-duties', { field: 'appointingAuthorityId' });
  spec
    .given([])
    .when(startCmd({}, HR, day(START_DAY), 'ses-1999'))
    .thenRefused('reassignment.start.unknown-policy-version', { field: 'policyVersion' });
  spec
    .given([])
    .when(startCmd({}, HR, day('2007-06-01')))
    .thenRefused('reassignment.start.before-first-policy', { field: 'at', message: '2008-01-01' });
  spec.given(OUTSIDE).when(startCmd()).thenRefused('reassignment.start.already-started', { kind: 'conflict' });
});
start('a follow-on case after an unsatisfactory rating names the appraisal case; the rating must already be issued', () => {
  const follows = { appraisalCaseId: 'APR-2026-0011', finalRatingIssuedOn: '2026-11-30' };
  spec
    .given([])
    .when(startCmd({ followsUnsatisfactoryRating: follows }))
    .thenEvents((_events, after) => assert.equal(after.followsUnsatisfactoryRating, follows));
  spec
    .given([])
    .when(startCmd({ followsUnsatisfactoryRating: { ...follows, finalRatingIssuedOn: '2026-12-02' } }))
    .thenRefused('reassignment.start.rating-not-yet-issued', { field: 'followsUnsatisfactoryRating.finalRatingIssuedOn' });
  spec
    .given([])
    .when(startCmd({ disciplinaryActionBegunOn: '2026-12-05' }))
    .thenRefused('reassignment.start.discipline-not-yet-begun', { field: 'disciplinaryActionBegunOn' });
});
start.run();

// --- notice -----------------------------------------------------------------------
const notices = suite('reassignment: consultation and notice');
notices('within the commuting area: 15 days, no consultation, not waivable', () => {
  spec
    .given(WITHIN)
    .when(act(notice('2026-12-16', START_DAY, null), AA))
    .thenEvents((events, after) => {
      assert.is(events[0]!.type, 'ReassignmentNoticeIssued');
      assert.is(after.status, 'NOTICE_ISSUED');
      assert.is(after.effectiveDate, '2026-12-16');
    });
  spec
    .given(WITHIN)
    .when(act(notice('2026-12-15'), AA))
    .thenRefused('reassignment.notice.too-short', { field: 'effectiveDate', message: ['at least 15 days', 'not waivable', '14 days'] });
  spec
    .given(WITHIN)
    .when(act({ type: 'ConsentToShorterNotice', consentedOn: START_DAY, statement: 'I agree.' }, EXEC))
    .thenRefused('reassignment.waiver.commuting-area-not-waivable', { kind: 'conflict', message: '15-day notice within the commuting area is not waivable' });
  spec.given(WITHIN).when(act(consultation, AA)).thenRefused('reassignment.consultation.within-commuting-area');
});
notices('outside: consultation first, then notice with reasons at least 60 days ahead', () => {
  spec
    .given(OUTSIDE)
    .when(act(notice(SIXTY), AA))
    .thenRefused('reassignment.notice.consultation-first', { kind: 'conflict' });
  spec.given(OUTSIDE).when(act(consultation, AA)).then([consulted]);
  spec
    .given(OUTSIDE)
    .when(act(consultation, { id: 'hr-bo', role: 'hr-specialist' }))
    .thenRefused('reassignment.consultation.appointing-authority-only');
  spec.given(OUTSIDE).when(act(consultation, HR)).thenRefused('reassignment.separation-of-duties');
  spec
    .given(OUTSIDE)
    .when(act({ ...consultation, consultedOn: '2026-12-02' }, AA))
    .thenRefused('reassignment.consultation.in-future', { field: 'consultedOn' });
  spec
    .given(CONSULTED)
    .when(act(notice(SIXTY), AA))
    .then([noticed(SIXTY, 60)]);
  spec
    .given(CONSULTED)
    .when(act(notice(addDays(SIXTY, -1)), AA))
    .thenRefused('reassignment.notice.too-short', { field: 'effectiveDate', message: ['at least 60 days', 'consents in writing', '59 days'] });
  spec
    .given(CONSULTED)
    .when(act(notice(SIXTY, START_DAY, null), AA))
    .thenRefused('reassignment.notice.reasons-required', { field: 'reasons' });
  spec
    .given(CONSULTED)
    .when(act(notice(SIXTY), { id: 'aa-other', role: 'appointing-authority' }))
    .thenRefused('reassignment.notice.appointing-authority-only');
  spec
    .given(CONSULTED)
    .when(act(notice(SIXTY, '2026-12-02'), AA))
    .thenRefused('reassignment.notice.date-in-future', { field: 'noticeDate' });
  spec
    .given(CONSULTED)
    .when(act(notice(SIXTY, '2026-11-30'), AA))
    .thenRefused('reassignment.notice.before-consultation', { field: 'noticeDate' });
  spec
    .given(CONSULTED)
    .when(act(notice(START_DAY), AA))
    .thenRefused('reassignment.notice.effective-date-not-ahead', { field: 'effectiveDate' });
});
notices("the executive's written consent waives the 60 days", () => {
  const consent: ReassignmentAction = { type: 'ConsentToShorterNotice', consentedOn: START_DAY, statement: 'I consent to 10 days.' };
  spec.given(CONSULTED).when(act(consent, AA)).thenRefused('reassignment.waiver.executive-only');
  spec
    .given(CONSULTED)
    .when(act(consent, { id: 'ex-other', role: 'executive' }))
    .thenRefused('reassignment.waiver.executive-only');
  spec
    .given(CONSULTED)
    .when(act(consent, EXEC))
    .then([
      {
        type: 'ReassignmentShorterNoticeConsented',
        data: { executiveId: 'ex-vance', consentedOn: START_DAY, statement: 'I consent to 10 days.' },
        occurredAt: day(START_DAY),
      },
    ]);
  const consented: ReassignmentEvent = {
    type: 'ReassignmentShorterNoticeConsented',
    data: { executiveId: 'ex-vance', consentedOn: START_DAY, statement: 'I consent to 10 days.' },
    occurredAt: day(START_DAY),
  };
  spec
    .given([...CONSULTED, consented])
    .when(act(notice('2026-12-11'), AA))
    .thenEvents((events) => {
      const issued = events[0]!;
      assert.is(issued.type, 'ReassignmentNoticeIssued');
      if (issued.type === 'ReassignmentNoticeIssued') {
        assert.is(issued.data.waivedByConsent, true);
        assert.is(issued.data.requiredNoticeDays, 0);
        assert.is(issued.data.noticeDays, 10);
      }
    });
  spec
    .given([...CONSULTED, consented])
    .when(act(consent, EXEC))
    .thenRefused('reassignment.waiver.already-given');
  spec.given(NOTICED).when(act(consent, EXEC)).thenRefused('reassignment.waiver.not-before-notice');
});
notices('a defective consultation voids the notice; the new notice restarts the 60 days from its own date', () => {
  const defect: ReassignmentAction = { type: 'RecordDefectiveConsultation', reason: 'Preferences were not asked.' };
  spec
    .given(NOTICED)
    .when(act(defect, HR, day('2026-12-10')))
    .then([
      {
        type: 'ReassignmentConsultationFoundDefective',
        data: { foundBy: 'hr-ana', reason: 'Preferences were not asked.', voidedNoticeDate: START_DAY },
        occurredAt: day('2026-12-10'),
      },
    ]);
  spec.given(OUTSIDE).when(act(defect, HR)).thenRefused('reassignment.consultation.none-recorded', { kind: 'conflict' });
  spec.given(NOTICED).when(act(defect, EXEC)).thenRefused('reassignment.consultation.defect-by');
  const defective: ReassignmentEvent = {
    type: 'ReassignmentConsultationFoundDefective',
    data: { foundBy: 'hr-ana', reason: 'Preferences were not asked.', voidedNoticeDate: START_DAY },
    occurredAt: day('2026-12-10'),
  };
  const reconsulted: ReassignmentEvent = { ...consulted, data: { ...consulted.data, consultedOn: '2026-12-11' }, occurredAt: day('2026-12-11') };
  const after = spec.stateAfter([...NOTICED, defective]);
  assert.is(after.status, 'PROPOSED');
  assert.is(after.notice, null);
  assert.is(nextReassignmentTimer(after), null);
  spec
    .given([...NOTICED, defective])
    .when(act(notice(SIXTY, '2026-12-11'), AA, day('2026-12-11')))
    .thenRefused('reassignment.notice.consultation-first');
  // The old effective date is now 50 days after the new notice: too short.
  spec
    .given([...NOTICED, defective, reconsulted])
    .when(act(notice(SIXTY, '2026-12-11'), AA, day('2026-12-11')))
    .thenRefused('reassignment.notice.too-short', { field: 'effectiveDate', message: '50 days' });
  spec
    .given([...NOTICED, defective, reconsulted])
    .when(act(notice('2027-02-09', '2026-12-11'), AA, day('2026-12-11')))
    .thenEvents((events) => assert.is(events[0]!.type, 'ReassignmentNoticeIssued'));
});
notices.run();

// --- moratorium -------------------------------------------------------------------
const moratorium = suite('reassignment: the 120-day moratorium');
// A new agency head on 2026-11-20 blocks through 2027-03-20.
const HEAD = '2026-11-20';
const BLOCKED_THROUGH = '2027-03-20';
const HEADED = [...CONSULTED, headChanged(HEAD)];
moratorium('an involuntary reassignment into the block is refused, saying the last blocked day and the earliest effective date', () => {
  assert.is(moratoriumUntil(HEAD, 120), BLOCKED_THROUGH);
  spec
    .given(HEADED)
    .when(act(notice('2027-02-15'), AA))
    .thenRefused('reassignment.moratorium.blocked', {
      field: 'effectiveDate',
      kind: 'conflict',
      message: ['120 days after a new agency head on 2026-11-20', 'last day is 2027-03-20', 'earliest effective date is 2027-03-21'],
    });
  spec
    .given(HEADED)
    .when(act(notice('2027-03-21'), AA))
    .thenEvents((_events, after) => assert.is(after.status, 'NOTICE_ISSUED'));
});
moratorium('voluntary reassignments bypass it; so does one following an unsatisfactory rating', () => {
  spec
    .given([proposed({ kind: 'voluntary' }), consulted, headChanged(HEAD)])
    .when(act(notice('2027-02-15'), AA))
    .thenEvents((events) => assert.equal(events[0]!.type === 'ReassignmentNoticeIssued' && events[0]!.data.exceptions, ['voluntary']));
  const follows = { appraisalCaseId: 'APR-2026-0011', finalRatingIssuedOn: '2026-11-30' };
  spec
    .given([proposed({ followsUnsatisfactoryRating: follows }), consulted, headChanged(HEAD)])
    .when(act(notice('2027-02-15'), AA))
    .thenEvents((events) => assert.equal(events[0]!.type === 'ReassignmentNoticeIssued' && events[0]!.data.exceptions, ['follows-unsatisfactory-rating']));
});
moratorium('a disciplinary action begun before the triggering appointment excepts that clock only', () => {
  spec
    .given([proposed({ disciplinaryActionBegunOn: '2026-11-10' }), consulted, headChanged(HEAD)])
    .when(act(notice('2027-02-15'), AA))
    .thenEvents((events) => assert.equal(events[0]!.type === 'ReassignmentNoticeIssued' && events[0]!.data.exceptions, ['discipline-begun-before-trigger']));
  spec
    .given([proposed({ disciplinaryActionBegunOn: '2026-11-25' }), consulted, headChanged(HEAD)])
    .when(act(notice('2027-02-15'), AA))
    .thenRefused('reassignment.moratorium.blocked', { field: 'effectiveDate' });
});
moratorium('a new supervisor starts a clock only if noncareer and able to make the initial appraisal', () => {
  const supervisor = (noncareer?: boolean, makesInitialAppraisal?: boolean): ReassignmentAction => ({
    type: 'RecordLeadershipChange',
    trigger: 'new-noncareer-supervisor',
    effectiveDate: HEAD,
    ...(noncareer === undefined ? {} : { noncareer }),
    ...(makesInitialAppraisal === undefined ? {} : { makesInitialAppraisal }),
  });
  spec
    .given(CONSULTED)
    .when(act(supervisor(false, true), HR))
    .thenRefused('reassignment.leadership.supervisor-not-noncareer', { field: 'noncareer' });
  spec
    .given(CONSULTED)
    .when(act(supervisor(true), HR))
    .thenRefused('reassignment.leadership.supervisor-cannot-appraise', { field: 'makesInitialAppraisal', message: 'initial appraisal' });
  spec
    .given(CONSULTED)
    .when(act(supervisor(true, true), HR))
    .then([supervisorChanged(HEAD)]);
  spec
    .given(CONSULTED)
    .when(act(supervisor(true, true), AA))
    .thenRefused('reassignment.leadership.hr-specialist-only');
  spec
    .given(HEADED)
    .when(act(headChange(HEAD), HR))
    .thenRefused('reassignment.leadership.already-recorded', { field: 'effectiveDate' });
});
moratorium('two overlapping clocks: the earliest date is after both', () => {
  // Supervisor 2027-01-10 blocks through 2027-05-10, overlapping the head's block.
  spec
    .given([...HEADED, supervisorChanged('2027-01-10')])
    .when(act(notice('2027-03-25'), AA))
    .thenRefused('reassignment.moratorium.blocked', {
      field: 'effectiveDate',
      message: ['a new noncareer supervisor on 2027-01-10', 'blocked through 2027-05-10', 'earliest effective date is 2027-05-11'],
    });
});
moratorium('detail days within the 120 do not count, up to 60', () => {
  const detail = (from: string, to: string): ReassignmentEvent => ({
    type: 'ReassignmentDetailRecorded',
    data: { from, to, days: daysBetween(from, to) + 1 },
    occurredAt: day(START_DAY),
  });
  // 10 days of detail: blocked through 2027-03-30.
  spec
    .given([...HEADED, detail('2026-12-01', '2026-12-10')])
    .when(act(notice('2027-03-25'), AA))
    .thenRefused('reassignment.moratorium.blocked', {
      field: 'effectiveDate',
      message: ['blocked through 2027-03-30', 'earliest effective date is 2027-03-31'],
    });
  // 90 days of detail: only 60 count.
  spec
    .given([...HEADED, detail('2026-12-01', '2027-02-28')])
    .when(act(notice('2027-05-15'), AA))
    .thenRefused('reassignment.moratorium.blocked', { field: 'effectiveDate', message: 'blocked through 2027-05-19' });
  spec
    .given(HEADED)
    .when(act({ type: 'RecordDetail', from: '2026-12-10', to: '2026-12-01' }, HR))
    .thenRefused('reassignment.detail.ends-before-start', { field: 'to' });
  spec
    .given([...HEADED, detail('2026-12-01', '2026-12-10')])
    .when(act({ type: 'RecordDetail', from: '2026-12-05', to: '2026-12-20' }, HR))
    .thenRefused('reassignment.detail.overlap', { field: 'from' });
});
moratorium('a leadership change recorded after the notice blocks it; HR reschedules after the block, re-checked', () => {
  const later = '2026-12-20';
  spec
    .given(NOTICED)
    .when(act(headChange('2026-12-15'), HR, day(later)))
    .then([
      headChanged('2026-12-15', later),
      {
        type: 'ReassignmentBlockedByMoratorium',
        data: {
          effectiveDate: SIXTY,
          blockedUntil: '2027-04-14',
          earliestEffectiveDate: '2027-04-15',
          triggers: [{ trigger: 'new-agency-head', effectiveDate: '2026-12-15', until: '2027-04-14' }],
        },
        occurredAt: day(later),
      },
    ]);
  const blockedCase = [
    ...NOTICED,
    headChanged('2026-12-15', later),
    {
      type: 'ReassignmentBlockedByMoratorium',
      data: {
        effectiveDate: SIXTY,
        blockedUntil: '2027-04-14',
        earliestEffectiveDate: '2027-04-15',
        triggers: [{ trigger: 'new-agency-head', effectiveDate: '2026-12-15', until: '2027-04-14' }],
      },
      occurredAt: day(later),
    } as ReassignmentEvent,
  ];
  const blocked = spec.stateAfter(blockedCase);
  assert.is(blocked.status, 'BLOCKED_MORATORIUM');
  assert.is(nextReassignmentTimer(blocked), null);
  assert.equal(
    reassignmentDefinition.pendingDecisions(blocked).map((d) => [d.action, d.assigneeRole]),
    [['RescheduleReassignment', 'hr-specialist']],
  );
  spec
    .given(blockedCase)
    .when(act({ type: 'RescheduleReassignment', effectiveDate: '2027-04-14' }, HR, day(later)))
    .thenRefused('reassignment.moratorium.blocked', { field: 'effectiveDate', message: 'last day is 2027-04-14; the earliest effective date is 2027-04-15' });
  spec
    .given(blockedCase)
    .when(act({ type: 'RescheduleReassignment', effectiveDate: '2027-04-15' }, AA, day(later)))
    .thenRefused('reassignment.reschedule.hr-specialist-only');
  spec
    .given(NOTICED)
    .when(act({ type: 'RescheduleReassignment', effectiveDate: '2027-04-15' }, HR, day(later)))
    .thenRefused('reassignment.reschedule.not-blocked', { kind: 'conflict' });
  spec
    .given(blockedCase)
    .when(act({ type: 'RescheduleReassignment', effectiveDate: '2027-04-15' }, HR, day(later)))
    .thenEvents((_events, after) => {
      assert.is(after.status, 'NOTICE_ISSUED');
      assert.is(nextReassignmentTimer(after)?.dueAt, agencyDayStart('2027-04-15', 'DOE'));
    });
  // A further clock while held: the case says the new earliest date.
  spec
    .given(blockedCase)
    .when(act(headChange('2027-01-10'), HR, day(later)))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['ReassignmentLeadershipChangeRecorded', 'ReassignmentBlockedByMoratorium'],
      );
      assert.equal(after.block && [after.block.blockedUntil, after.block.earliestEffectiveDate], ['2027-05-10', '2027-05-11']);
    });
  spec
    .given(blockedCase)
    .when(act({ type: 'RecordDetail', from: '2027-05-01', to: '2027-05-05' }, HR, day(later)))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['ReassignmentDetailRecorded'],
      ),
    );
  // A leadership change outside the notice's effective date does not block it.
  spec
    .given(NOTICED)
    .when(act(headChange('2027-02-01'), HR, day(later)))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['ReassignmentLeadershipChangeRecorded'],
      ),
    );
});
moratorium.run();

// --- effective date, decline, withdraw ------------------------------------------
const effect = suite('reassignment: effective date, decline, withdrawal');
effect('the timer fires at the start of the agency day of the effective date and the reassignment takes effect', () => {
  const timer = nextReassignmentTimer(spec.stateAfter(NOTICED))!;
  assert.is(timer.dueAt, '2027-01-30T05:00:00.000Z');
  spec
    .given(NOTICED)
    .when(reassignmentTimerCommand(timer, timer.dueAt))
    .then([{ type: 'ReassignmentEffected', data: { toPositionId: 'DOE-SES-0412', effectiveDate: SIXTY }, occurredAt: timer.dueAt }]);
  spec.given(NOTICED).when(reassignmentTimerCommand(timer, '2027-01-30T04:59:00.000Z')).thenRefused('reassignment.effect.too-early', { kind: 'conflict' });
  spec.given(NOTICED).when({ type: 'EffectReassignment', at: timer.dueAt, actor: HR }).thenRefused('reassignment.effect.system-only');
});
effect('declining a directed reassignment is recorded; the case ends with a conduct action as the consequence', () => {
  const declineBody: ReassignmentAction = { type: 'DeclineReassignment', reason: 'Family reasons.' };
  spec
    .given(NOTICED)
    .when(act(declineBody, EXEC, day('2026-12-05')))
    .then([
      {
        type: 'ReassignmentDeclined',
        data: { executiveId: 'ex-vance', reason: 'Family reasons.', consequence: 'conduct-action' },
        occurredAt: day('2026-12-05'),
      },
    ]);
  spec.given(NOTICED).when(act(declineBody, AA)).thenRefused('reassignment.decline.executive-only');
  spec
    .given([proposed({ kind: 'voluntary' })])
    .when(act(declineBody, EXEC))
    .thenRefused('reassignment.decline.voluntary');
  const declined = spec.stateAfter([
    ...NOTICED,
    { type: 'ReassignmentDeclined', data: { executiveId: 'ex-vance', reason: 'x', consequence: 'conduct-action' }, occurredAt: day('2026-12-05') },
  ]);
  assert.is(declined.status, 'DECLINED');
  assert.ok(reassignmentDefinition.isTerminal(declined));
  assert.is(nextReassignmentTimer(declined), null);
});
effect('withdrawal: the appointing authority; the executive only for a voluntary one', () => {
  const withdrawBody: ReassignmentAction = { type: 'WithdrawReassignment', reason: 'Position abolished.' };
  spec.given(NOTICED).when(act(withdrawBody, EXEC)).thenRefused('reassignment.withdraw.appointing-authority-only');
  spec
    .given(NOTICED)
    .when(act(withdrawBody, AA))
    .thenEvents((_events, after) => assert.is(after.status, 'WITHDRAWN'));
  spec
    .given([proposed({ kind: 'voluntary' })])
    .when(act(withdrawBody, EXEC))
    .thenEvents((_events, after) => assert.is(after.status, 'WITHDRAWN'));
  spec.given([]).when(act(withdrawBody, AA)).thenRefused('reassignment.not-started');
  spec
    .given([...NOTICED, { type: 'ReassignmentWithdrawn', data: { withdrawnBy: 'aa-cole', reason: 'x' }, occurredAt: day('2026-12-05') }])
    .when(act(withdrawBody, AA))
    .thenRefused('reassignment.case-closed');
  spec
    .given(NOTICED)
    .when(act(withdrawBody, { id: 'aud-1', role: 'auditor' }))
    .thenRefused('auditor.read-only');
});
effect('the inbox: consultation, then notice, then the executive may decline; consent is offered outside the area only', () => {
  const inbox = (events: ReassignmentEvent[]) => reassignmentDefinition.pendingDecisions(spec.stateAfter(events)).map((d) => `${d.action}:${d.assigneeId}`);
  assert.equal(inbox(OUTSIDE), ['RecordConsultation:aa-cole', 'ConsentToShorterNotice:ex-vance']);
  assert.equal(inbox(CONSULTED), ['IssueNotice:aa-cole', 'ConsentToShorterNotice:ex-vance']);
  assert.equal(inbox(NOTICED), ['DeclineReassignment:ex-vance']);
  assert.equal(inbox(WITHIN), ['IssueNotice:aa-cole']);
  assert.equal(reassignmentDefinition.pendingDecisions(spec.stateAfter(NOTICED))[0]!.dueOn, '2027-01-29');
});
effect.run();

// --- properties ---------------------------------------------------------------------
const properties = suite('reassignment: properties');
const BASE = '2027-01-01';
properties('an involuntary effective date is accepted iff it is outside every block and the notice is at least the required days', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.integer({ min: -150, max: 150 }),
      fc.option(fc.integer({ min: -150, max: 150 }), { nil: undefined }),
      fc.integer({ min: 0, max: 90 }),
      fc.integer({ min: 1, max: 400 }),
      (within, headOffset, supervisorOffset, detailDays, noticeDays) => {
        const head = addDays(BASE, headOffset);
        const clocks: ReassignmentEvent[] = [headChanged(head, BASE)];
        if (supervisorOffset !== undefined) clocks.push(supervisorChanged(addDays(BASE, supervisorOffset)));
        const details: ReassignmentEvent[] =
          detailDays > 0
            ? [{ type: 'ReassignmentDetailRecorded', data: { from: head, to: addDays(head, detailDays - 1), days: detailDays }, occurredAt: day(BASE) }]
            : [];
        const given: ReassignmentEvent[] = [
          { ...proposed({ withinCommutingArea: within }), occurredAt: day(BASE) },
          ...(within ? [] : [{ ...consulted, data: { ...consulted.data, consultedOn: BASE }, occurredAt: day(BASE) }]),
          ...clocks,
          ...details,
        ];
        const effectiveDate = addDays(BASE, noticeDays);
        const decision = reassignmentDefinition.decide(spec.stateAfter(given), act(notice(effectiveDate, BASE), AA, day(BASE)));
        const blocks = spec.stateAfter(given).clocks.map((c) => blockOf(c, spec.stateAfter(given).details, POLICY));
        const inBlock = blocks.some((b) => b.effectiveDate <= effectiveDate && effectiveDate <= b.until);
        const required = within ? POLICY.commutingAreaNoticeDays : POLICY.outsideCommutingAreaNoticeDays;
        assert.is(decision.ok, !inBlock && noticeDays >= required, JSON.stringify({ effectiveDate, blocks, noticeDays, required, decision }));
      },
    ),
    { numRuns: 300 },
  );
});
properties('detail days within the 120 shift the block by min(d, 60)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: -30, max: 30 }), (d, triggerOffset) => {
      const trigger = addDays(BASE, triggerOffset);
      const details = d === 0 ? [] : [{ from: addDays(trigger, 1), to: addDays(trigger, d) }];
      const block = blockOf({ trigger: 'new-agency-head', effectiveDate: trigger }, details, POLICY);
      assert.is(block.until, addDays(trigger, 120 + Math.min(d, 60)));
    }),
  );
});
properties('timers are anchored on the state: the same state gives the same timer, at the start of the agency day', () => {
  const state = spec.stateAfter(NOTICED);
  assert.equal(nextReassignmentTimer(state), nextReassignmentTimer(spec.stateAfter(NOTICED)));
  assert.equal(reassignmentTimerCommand(nextReassignmentTimer(state)!, 'x'), { type: 'EffectReassignment', at: 'x', actor: SYSTEM_ACTOR });
});
properties.run();
