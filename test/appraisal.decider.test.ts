import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import { whatIf } from '../domain/whatIf';
import {
  appraisalBefore2025,
  appraisalDefinition,
  appraisalFrom2025,
  appraisalTimerCommand,
  mandatoryRemoval,
  nextAppraisalTimer,
  planBreach,
  prbBreach,
  type AppraisalAction,
  type AppraisalCommand,
  type AppraisalEvent,
  type AppraisalStart,
  type PlanElement,
  type PrbMember,
  type PriorFinalRating,
} from '../domain/appraisal';
import { pendingAppraisalDecisions } from '../domain/appraisal/pendingDecisions';
import { ReassignmentStartSchema } from '../domain/reassignment/commands';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import { deciderSpecification } from './support/deciderSpecification';
import { driveCase } from './support/recordedCase';

const spec = deciderSpecification(appraisalDefinition);

// --- fixtures -----------------------------------------------------------------
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const EXEC: Actor = { id: 'ex-rivera', role: 'executive' };
const HLR: Actor = { id: 'hlr-moss', role: 'supervisor' };
const PRB1: Actor = { id: 'prb-a', role: 'supervisor' };
/** Noon in Washington on that date. */
const day = (date: string) => `${date}T17:00:00.000Z`;
const fires = (date: string) => agencyDayStart(date, 'DOE');

const startBody = (overrides: Partial<AppraisalStart> = {}): AppraisalStart => ({
  caseId: 'APR-FY2026-RIVERA',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentType: 'career',
  period: { cycle: 'FY2026', start: '2025-10-01', end: '2026-09-30' },
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
  ...overrides,
});
const startCmd = (overrides: Partial<AppraisalStart> = {}, at = day('2025-09-02'), actor: Actor = HR): AppraisalCommand =>
  appraisalDefinition.startCommand(startBody(overrides), at, actor);
const act = (action: AppraisalAction, actor: Actor, at: string): AppraisalCommand => appraisalDefinition.actionCommand(action, at, actor);
const system = (
  type: 'RemindOfPlan' | 'RemindOfProgressReview' | 'ReachPeriodEnd' | 'CloseResponseWindow' | 'EffectRemoval',
  at: string,
): AppraisalCommand => ({
  type,
  at,
  actor: SYSTEM_ACTOR,
});

const PLAN_2025: PlanElement[] = [
  { element: 'faithful-administration', weight: 30 },
  { element: 'government-efficiency', weight: 20 },
  { element: 'merit-and-competence', weight: 20 },
  { element: 'holding-others-accountable', weight: 15 },
  { element: 'achieving-organizational-goals', weight: 15 },
];
const PANEL: PrbMember[] = [
  { id: 'prb-a', career: true, supervisorOf: [] },
  { id: 'prb-b', career: true, supervisorOf: [] },
  { id: 'prb-c', career: false, supervisorOf: [] },
];

const started = (overrides: Partial<AppraisalStart> = {}): AppraisalEvent => ({
  type: 'AppraisalStarted',
  data: { start: startBody(overrides), policyVersion: 'ses-2025-10-01', appraisedFrom: overrides.appraisedFrom ?? '2025-10-01', periodEnd: '2026-09-30' },
  occurredAt: day('2025-09-02'),
});
const planned: AppraisalEvent = {
  type: 'AppraisalPlanCommunicated',
  data: { supervisorId: 'sup-ortiz', elements: PLAN_2025, communicatedOn: '2025-09-25' },
  occurredAt: day('2025-09-25'),
};
const reviewed: AppraisalEvent = {
  type: 'AppraisalProgressReviewRecorded',
  data: { supervisorId: 'sup-ortiz', heldOn: '2026-03-15', summary: 'On track.' },
  occurredAt: day('2026-03-15'),
};
const ended: AppraisalEvent = { type: 'AppraisalPeriodEnded', data: { periodEnd: '2026-09-30', daysUnderPlan: 365 }, occurredAt: fires('2026-10-01') };
const rated = (level = 3): AppraisalEvent => ({
  type: 'AppraisalInitialRatingIssued',
  data: { supervisorId: 'sup-ortiz', level, narrative: 'Narrative.', issuedOn: '2026-10-15', responseDueOn: '2026-10-25' },
  occurredAt: day('2026-10-15'),
});
const windowClosed: AppraisalEvent = { type: 'AppraisalResponseWindowClosed', data: { responseDueOn: '2026-10-25' }, occurredAt: fires('2026-10-26') };
const convened: AppraisalEvent = {
  type: 'AppraisalPrbConvened',
  data: { panelId: 'PRB-DOE-2026-1', members: PANEL, convenedBy: 'hr-ana' },
  occurredAt: day('2026-11-02'),
};
const recommended = (level = 3): AppraisalEvent => ({
  type: 'AppraisalPrbRecommended',
  data: { panelId: 'PRB-DOE-2026-1', writtenBy: 'prb-a', recommendedLevel: level, recommendation: 'Concur.' },
  occurredAt: day('2026-11-10'),
});
const upToPrb = (level = 3, overrides: Partial<AppraisalStart> = {}) => [started(overrides), planned, reviewed, ended, rated(level), windowClosed];
const upToFinal = (level = 3, overrides: Partial<AppraisalStart> = {}) => [...upToPrb(level, overrides), convened, recommended(level)];
const finalRated = (level: number): AppraisalEvent => ({
  type: 'AppraisalFinalRatingIssued',
  data: { appointingAuthorityId: 'aa-wong', level, reasons: 'Reasons.', issuedOn: '2026-11-20' },
  occurredAt: day('2026-11-20'),
});

// --- start and policy ---------------------------------------------------------
const start = suite('appraisal: start and policy');

start('pins the policy in force on the period start: FY2026 gets the 2025 elements, FY2025 the ECQ-based ones', () => {
  spec.given([]).when(startCmd()).then([started()]);
  spec
    .given([])
    .when(startCmd({ period: { cycle: 'FY2025', start: '2024-10-01', end: '2025-09-30' } }, day('2024-09-20')))
    .thenEvents((events, after) => {
      assert.is(events[0]!.type, 'AppraisalStarted');
      assert.is(after.policyVersion, 'ses-2008-01-01');
      assert.is(after.status, 'PLAN_DRAFT');
    });
});

start('a period before the first policy version is refused with a message naming period.start', () => {
  spec
    .given([])
    .when(startCmd({ period: { cycle: 'FY2007', start: '2006-10-01', end: '2007-09-30' } }, day('2006-09-01')))
    .thenRefused('appraisal.start.before-first-policy', { field: 'period.start', message: '2008-01-01' });
});

start('the executive is never the supervisor or the appointing authority; the starter never an approver', () => {
  spec
    .given([])
    .when(startCmd({ supervisorId: 'ex-rivera' }))
    .thenRefused('appraisal.start.separation-of-duties', { field: 'supervisorId' });
  spec
    .given([])
    .when(startCmd({ appointingAuthorityId: 'hr-ana' }))
    .thenRefused('appraisal.separation-of-duties', { field: 'appointingAuthorityId' });
  spec
    .given([])
    .when(startCmd({}, day('2025-09-02'), SUP))
    .thenRefused('appraisal.start.hr-specialist-only');
});

start('a period already over, appraisedFrom outside it, prior ratings not prior: refused naming the field', () => {
  spec
    .given([])
    .when(startCmd({}, day('2026-10-02')))
    .thenRefused('appraisal.start.period-over', { field: 'period.end' });
  spec
    .given([])
    .when(startCmd({ appraisedFrom: '2026-10-01' }))
    .thenRefused('appraisal.start.appraised-from-outside-period', { field: 'appraisedFrom' });
  spec
    .given([])
    .when(
      startCmd({
        priorFinalRatings: [
          { periodEnd: '2025-09-30', level: 3 },
          { periodEnd: '2025-10-01', level: 3 },
        ],
      }),
    )
    .thenRefused('appraisal.start.prior-rating-not-prior', { field: 'priorFinalRatings.1.periodEnd' });
});

start('a start naming the new administration records its 120-day freeze', () => {
  spec
    .given([])
    .when(startCmd({ administrationBeganOn: '2025-01-20' }))
    .thenEvents((events, after) => {
      assert.equal(events[1], {
        type: 'AppraisalNewAdministrationRecorded',
        data: { beganOn: '2025-01-20', freezeUntil: '2025-05-19' },
        occurredAt: day('2025-09-02'),
      });
      assert.equal(after.administration, { beganOn: '2025-01-20', freezeUntil: '2025-05-19' });
    });
});

// --- the plan -------------------------------------------------------------------
const plan = suite('appraisal: the performance plan');
const communicate = (elements = PLAN_2025, communicatedOn = '2025-09-25', at = day('2025-09-25'), actor = SUP) =>
  act({ type: 'CommunicatePlan', elements, communicatedOn }, actor, at);

plan('the supervisor communicates the plan on or before the period starts', () => {
  spec.given([started()]).when(communicate()).then([planned]);
  spec
    .given([started()])
    .when(communicate(PLAN_2025, '2025-10-02', day('2025-10-02')))
    .thenRefused('appraisal.plan.after-period-start', { field: 'communicatedOn', message: '2025-10-01' });
  spec
    .given([started()])
    .when(communicate(PLAN_2025, '2025-09-25', day('2025-09-25'), AA))
    .thenRefused('appraisal.plan.case-supervisor-only');
});

plan('a plan recorded after an overdue flag is accepted when it was communicated in time', () => {
  const overdue: AppraisalEvent = {
    type: 'AppraisalPlanReminderSent',
    data: { dueOn: '2025-10-01', overdue: true, recipientIds: ['sup-ortiz'] },
    occurredAt: fires('2025-10-02'),
  };
  assert.is(spec.stateAfter([started(), overdue]).status, 'PLAN_OVERDUE');
  spec
    .given([started(), overdue])
    .when(communicate(PLAN_2025, '2025-09-30', day('2025-10-03')))
    .thenEvents((_e, after) => assert.is(after.status, 'IN_PERIOD'));
});

plan('weights sum to 100, the required element keeps its minimum weight, every element once', () => {
  const withWeights = (first: number, second: number) => [{ ...PLAN_2025[0]!, weight: first }, { ...PLAN_2025[1]!, weight: second }, ...PLAN_2025.slice(2)];
  spec
    .given([started()])
    .when(communicate(withWeights(20, 30)))
    .thenRefused('appraisal.plan.element-minimum-weight', { field: 'elements.0.weight', message: '25%' });
  spec
    .given([started()])
    .when(communicate(withWeights(30, 25)))
    .thenRefused('appraisal.plan.weights-sum', { field: 'elements', message: '105%' });
  spec
    .given([started()])
    .when(communicate(PLAN_2025.slice(1)))
    .thenRefused('appraisal.plan.missing-element', { field: 'elements' });
  spec
    .given([started()])
    .when(communicate([...PLAN_2025, { element: 'leading-change', weight: 0 }]))
    .thenRefused('appraisal.plan.unknown-element', { field: 'elements.5.element' });
});

plan('property: a 2025 plan holds iff each element appears once, faithful administration >= 25 and the weights sum to 100', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 5, maxLength: 5 }), (weights) => {
      const elements = PLAN_2025.map((e, i) => ({ ...e, weight: weights[i]! }));
      const holds = weights[0]! >= 25 && weights.reduce((a, b) => a + b, 0) === 100;
      assert.is(planBreach(elements, appraisalFrom2025) === null, holds);
    }),
  );
});

plan('older periods: the ECQ-based elements, Results Driven at least 20 %', () => {
  const ecq = appraisalBefore2025.criticalElements.map((e) => ({ element: e.id, weight: 20 }));
  assert.is(planBreach(ecq, appraisalBefore2025), null);
  assert.is(planBreach(PLAN_2025, appraisalBefore2025)?.rule, 'appraisal.plan.unknown-element');
  const low = ecq.map((e) => (e.element === 'results-driven' ? { ...e, weight: 10 } : e.element === 'leading-change' ? { ...e, weight: 30 } : e));
  assert.is(planBreach(low, appraisalBefore2025)?.rule, 'appraisal.plan.element-minimum-weight');
});

// --- the period -----------------------------------------------------------------
const period = suite('appraisal: the period, progress reviews and the 90-day minimum');

period('timers: plan reminder 14 days before, then the period end at the start of the agency day after it', () => {
  assert.equal(nextAppraisalTimer(spec.stateAfter([started()])), { kind: 'plan-reminder', overdue: false, dueAt: fires('2025-09-17') });
  assert.equal(nextAppraisalTimer(spec.stateAfter([started(), planned])), { kind: 'progress-review-reminder', dueAt: fires('2026-04-01') });
  assert.equal(nextAppraisalTimer(spec.stateAfter([started(), planned, reviewed])), { kind: 'period-end', dueAt: fires('2026-10-01') });
  assert.is(fires('2026-10-01'), '2026-10-01T04:00:00.000Z');
  // Bonneville counts Pacific days.
  assert.equal(nextAppraisalTimer(spec.stateAfter([started({ agency: 'BPA' }), planned, reviewed]))?.dueAt, '2026-10-01T07:00:00.000Z');
});

period('a progress review is held during the period, by the supervisor', () => {
  const review = (heldOn: string, at = day('2026-03-15'), actor = SUP) => act({ type: 'RecordProgressReview', heldOn, summary: 'On track.' }, actor, at);
  spec.given([started(), planned]).when(review('2026-03-15')).then([reviewed]);
  spec.given([started(), planned]).when(review('2025-09-30')).thenRefused('appraisal.progress-review.outside-period', { field: 'heldOn' });
  spec.given([started(), planned]).when(review('2026-03-16')).thenRefused('appraisal.progress-review.not-yet-held', { field: 'heldOn' });
  spec.given([started()]).when(review('2026-03-15')).thenRefused('appraisal.progress-review.not-in-period');
});

period('the period ends; under 90 days under the plan it is extended until they are met, and an event says so', () => {
  spec
    .given([started(), planned, reviewed])
    .when(system('ReachPeriodEnd', fires('2026-10-01')))
    .then([ended]);
  const late = started({ appraisedFrom: '2026-08-01' });
  const latePlan: AppraisalEvent = { ...planned, data: { ...planned.data, communicatedOn: '2026-07-30' } };
  spec
    .given([late, latePlan, { ...reviewed, data: { ...reviewed.data, heldOn: '2026-08-20' } }])
    .when(system('ReachPeriodEnd', fires('2026-10-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        {
          type: 'AppraisalPeriodExtended',
          data: { previousPeriodEnd: '2026-09-30', periodEnd: '2026-10-29', daysUnderPlan: 61, minimumPeriodDays: 90 },
          occurredAt: fires('2026-10-01'),
        },
      ]);
      assert.is(after.status, 'IN_PERIOD');
      assert.is(after.period!.end, '2026-10-29');
      assert.equal(nextAppraisalTimer(after), { kind: 'period-end', dueAt: fires('2026-10-30') });
    });
});

period('the initial rating needs the period ended and at least one progress review', () => {
  const rate = (at = day('2026-10-15'), actor = SUP) => act({ type: 'IssueInitialRating', level: 3, narrative: 'Narrative.' }, actor, at);
  spec
    .given([started(), planned, reviewed])
    .when(rate(day('2026-09-15')))
    .thenRefused('appraisal.rating.period-running');
  spec.given([started(), planned, ended]).when(rate()).thenRefused('appraisal.rating.progress-review-required', { kind: 'conflict' });
  spec
    .given([started(), planned, reviewed, ended])
    .when(rate())
    .then([rated(3)]);
  spec
    .given([started(), planned, reviewed, ended])
    .when(rate(day('2026-10-15'), { id: 'sup-hollis', role: 'supervisor' }))
    .thenRefused('appraisal.rating.case-supervisor-only');
});

period('no rating of a career appointee within 120 days after a new administration; the refusal says until when', () => {
  const administration: AppraisalEvent = {
    type: 'AppraisalNewAdministrationRecorded',
    data: { beganOn: '2026-09-01', freezeUntil: '2026-12-29' },
    occurredAt: day('2026-09-02'),
  };
  const given = [started(), planned, reviewed, administration, ended];
  const rate = (at: string) => act({ type: 'IssueInitialRating', level: 3, narrative: 'Narrative.' }, SUP, at);
  spec
    .given(given)
    .when(rate(day('2026-12-29')))
    .thenRefused('appraisal.rating.transition-freeze', { kind: 'conflict', message: ['until 2026-12-29', '2026-12-30'] });
  spec
    .given(given)
    .when(rate(day('2026-12-30')))
    .thenEvents((events) => assert.is(events[0]!.type, 'AppraisalInitialRatingIssued'));
  // A noncareer appointee may be rated.
  spec
    .given([started({ appointmentType: 'noncareer' }), planned, reviewed, administration, ended])
    .when(rate(day('2026-10-15')))
    .thenEvents((events) => assert.is(events[0]!.type, 'AppraisalInitialRatingIssued'));
  // The freeze counts the agency's days: 2026-12-30 00:30 Eastern is still 2026-12-30 there, 05:30 UTC.
  spec
    .given(given)
    .when(rate('2026-12-30T05:30:00.000Z'))
    .thenEvents((events) => assert.is(events[0]!.type, 'AppraisalInitialRatingIssued'));
  spec.given(given).when(rate('2026-12-30T04:30:00.000Z')).thenRefused('appraisal.rating.transition-freeze', { kind: 'conflict' });
});

// --- response, higher-level review, PRB -----------------------------------------
const review = suite('appraisal: response, higher-level review and the PRB');

review('the executive responds and asks for a higher-level review; the reviewer recommends, the rating stands', () => {
  const given = [started(), planned, reviewed, ended, rated(2)];
  spec
    .given(given)
    .when(act({ type: 'RespondToInitialRating', response: 'I disagree.', requestHigherLevelReview: true }, EXEC, day('2026-10-20')))
    .thenEvents((_e, after) => assert.is(after.status, 'HIGHER_LEVEL_REVIEW'));
  spec
    .given(given)
    .when(
      act(
        { type: 'RespondToInitialRating', response: 'I disagree.', requestHigherLevelReview: true },
        { id: 'men-park', role: 'executive' },
        day('2026-10-20'),
      ),
    )
    .thenRefused('appraisal.response.executive-only');
  const asked: AppraisalEvent = {
    type: 'AppraisalExecutiveResponded',
    data: { executiveId: 'ex-rivera', response: 'I disagree.', higherLevelReviewRequested: true },
    occurredAt: day('2026-10-20'),
  };
  spec
    .given([...given, asked])
    .when(act({ type: 'SubmitHigherLevelReview', recommendedLevel: 3, recommendation: 'Level 3 fits.' }, HLR, day('2026-10-28')))
    .thenEvents((events, after) => {
      assert.is(events[0]!.type, 'AppraisalHigherLevelReviewCompleted');
      assert.is(after.initialRating!.level, 2, 'the reviewer cannot change the rating');
      assert.is(after.higherLevelReview!.recommendation!.level, 3);
      assert.is(after.status, 'AWAITING_PRB');
    });
  spec
    .given([...given, asked])
    .when(act({ type: 'SubmitHigherLevelReview', recommendedLevel: 3, recommendation: 'x' }, { id: 'sup-ortiz', role: 'supervisor' }, day('2026-10-28')))
    .thenRefused('appraisal.separation-of-duties');
  spec
    .given([...given, asked])
    .when(act({ type: 'ConvenePrb', panelId: 'PRB-DOE-2026-1', members: PANEL }, HR, day('2026-10-28')))
    .thenRefused('appraisal.prb.higher-level-review-pending');
});

review('the PRB convenes after the response window; its composition is checked', () => {
  const convene = (members: PrbMember[], at = day('2026-11-02')) => act({ type: 'ConvenePrb', panelId: 'PRB-DOE-2026-1', members }, HR, at);
  spec.given([started(), planned, reviewed, ended, rated()]).when(convene(PANEL)).thenRefused('appraisal.prb.response-window-open');
  spec.given(upToPrb()).when(convene(PANEL)).then([convened]);
  spec
    .given(upToPrb())
    .when(convene(PANEL.slice(0, 2)))
    .thenRefused('appraisal.prb.size', { field: 'members' });
  const minority = PANEL.map((m, i) => ({ ...m, career: i === 0 }));
  spec.given(upToPrb()).when(convene(minority)).thenRefused('appraisal.prb.career-majority', { field: 'members', message: '1 of 3' });
  // The career majority binds only for a career appointee.
  spec
    .given(upToPrb(3, { appointmentType: 'limited' }))
    .when(convene(minority))
    .thenEvents((events) => assert.is(events[0]!.type, 'AppraisalPrbConvened'));
  spec
    .given(upToPrb())
    .when(convene([...PANEL.slice(0, 2), { id: 'ex-rivera', career: true, supervisorOf: [] }]))
    .thenRefused('appraisal.prb.conflicted-member', { field: 'members.2.id', message: 'own rating' });
  spec
    .given(upToPrb())
    .when(convene([...PANEL.slice(0, 2), { id: 'prb-x', career: true, supervisorOf: ['ex-rivera'] }]))
    .thenRefused('appraisal.prb.conflicted-member', { field: 'members.2.id' });
  spec
    .given(upToPrb(3, { supervisorOf: ['prb-c'] }))
    .when(convene(PANEL))
    .thenRefused('appraisal.prb.conflicted-member', { field: 'members.2.id', message: "supervisor's rating" });
});

review('property: a panel is accepted iff it has >= 3 members, a career majority for a career appointee, and no conflicted member', () => {
  const memberArb = fc.record({
    id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'ex-rivera', 'sup-ortiz'),
    career: fc.boolean(),
    supervisorOf: fc.subarray(['ex-rivera', 'someone-else']),
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(memberArb, { selector: (m) => m.id, maxLength: 6 }),
      fc.constantFrom('career' as const, 'noncareer' as const, 'limited' as const),
      fc.subarray(['p1', 'p2', 'p3', 'p4', 'p5']),
      (members, appointmentType, supervisorOf) => {
        const rated = { executiveId: 'ex-rivera', appointmentType, supervisorId: 'sup-ortiz', supervisorOf };
        const career = members.filter((m) => m.career).length;
        const conflicted = members.some(
          (m) => m.id === 'ex-rivera' || m.id === 'sup-ortiz' || m.supervisorOf.includes('ex-rivera') || supervisorOf.includes(m.id),
        );
        const holds = members.length >= 3 && (appointmentType !== 'career' || career * 2 > members.length) && !conflicted;
        assert.is(prbBreach(members, rated, appraisalFrom2025) === null, holds);
      },
    ),
  );
});

review('a panel member writes the recommendation; the appointing authority rates after it', () => {
  const recommend = (actor: Actor) => act({ type: 'SubmitPrbRecommendation', recommendedLevel: 3, recommendation: 'Concur.' }, actor, day('2026-11-10'));
  spec
    .given([...upToPrb(), convened])
    .when(recommend(PRB1))
    .then([recommended(3)]);
  spec
    .given([...upToPrb(), convened])
    .when(recommend({ id: 'prb-z', role: 'supervisor' }))
    .thenRefused('appraisal.prb.member-only');
  const final = (level: number, actor = AA) => act({ type: 'IssueFinalRating', level, reasons: 'Reasons.' }, actor, day('2026-11-20'));
  spec
    .given([...upToPrb(), convened])
    .when(final(3))
    .thenRefused('appraisal.final-rating.prb-recommendation-required');
  spec
    .given(upToFinal())
    .when(final(3, { id: 'sel-omar', role: 'appointing-authority' }))
    .thenRefused('appraisal.final-rating.case-appointing-authority-only');
  spec
    .given(upToFinal())
    .when(final(4))
    .thenEvents((events, after) => {
      assert.equal(events, [finalRated(4)]);
      assert.is(after.status, 'COMPLETED');
      assert.equal(pendingAppraisalDecisions(after), []);
    });
});

review('ratings are not appealable: there is no appeal action', () => {
  const parsed = appraisalDefinition.actionSchema.safeParse({ type: 'AppealRating', reason: 'I disagree.' });
  assert.is(parsed.success, false);
});

// --- consequences ---------------------------------------------------------------
const consequences = suite('appraisal: consequences of the final rating');
const final = (level: number) => act({ type: 'IssueFinalRating', level, reasons: 'Reasons.' }, AA, day('2026-11-20'));

consequences('an unsatisfactory final rating requires a reassign, transfer or remove decision from the appointing authority', () => {
  spec
    .given(upToFinal(1))
    .when(final(1))
    .thenEvents((events, after) => {
      assert.equal(events[1], {
        type: 'AppraisalUnsatisfactoryDecisionRequired',
        data: { appointingAuthorityId: 'aa-wong', options: ['reassign', 'transfer', 'remove'] },
        occurredAt: day('2026-11-20'),
      });
      assert.is(after.status, 'DECISION_REQUIRED');
      assert.equal(
        pendingAppraisalDecisions(after).map((p) => [p.action, p.assigneeId]),
        [['DecideAfterUnsatisfactoryRating', 'aa-wong']],
      );
    });
  const required: AppraisalEvent = {
    type: 'AppraisalUnsatisfactoryDecisionRequired',
    data: { appointingAuthorityId: 'aa-wong', options: ['reassign', 'transfer', 'remove'] },
    occurredAt: day('2026-11-20'),
  };
  const decide = (decision: 'transfer' | 'remove') => act({ type: 'DecideAfterUnsatisfactoryRating', decision, reason: 'Why.' }, AA, day('2026-11-25'));
  spec
    .given([...upToFinal(1), finalRated(1), required])
    .when(decide('transfer'))
    .thenEvents((_e, after) => assert.is(after.status, 'COMPLETED'));
  spec
    .given([...upToFinal(1), finalRated(1), required])
    .when(decide('remove'))
    .thenEvents((_e, after) => assert.is(after.status, 'REMOVAL_NOTICE_DUE'));
});

consequences('a decision to reassign names the reassignment, which starts as a follow-on case excepted from the moratorium', () => {
  const required: AppraisalEvent = {
    type: 'AppraisalUnsatisfactoryDecisionRequired',
    data: { appointingAuthorityId: 'aa-wong', options: ['reassign', 'transfer', 'remove'] },
    occurredAt: day('2026-11-20'),
  };
  const given = [...upToFinal(1), finalRated(1), required];
  const reassignment = { caseId: 'RA-2026-0099', toPositionId: 'DOE-SES-0412', withinCommutingArea: true };
  const decide = (decision: 'reassign' | 'transfer', withReassignment: boolean) =>
    act({ type: 'DecideAfterUnsatisfactoryRating', decision, reason: 'A better fit.', ...(withReassignment ? { reassignment } : {}) }, AA, day('2026-11-25'));
  spec.given(given).when(decide('reassign', false)).thenRefused('appraisal.consequence.reassignment-required', { field: 'reassignment' });
  spec.given(given).when(decide('transfer', true)).thenRefused('appraisal.consequence.reassignment-only-to-reassign', { field: 'reassignment' });
  spec
    .given(given)
    .when(decide('reassign', true))
    .thenEvents((_events, after) => {
      assert.is(after.status, 'COMPLETED');
      const [followOn] = appraisalDefinition.followOnCases!(after);
      assert.is(followOn?.process, 'reassignment');
      const start = ReassignmentStartSchema.parse(followOn!.start);
      assert.equal(start.followsUnsatisfactoryRating, { appraisalCaseId: 'APR-FY2026-RIVERA', finalRatingIssuedOn: '2026-11-20' });
      assert.equal(
        [start.caseId, start.kind, start.executiveId, start.appointingAuthorityId, start.startedBy],
        ['RA-2026-0099', 'directed', 'ex-rivera', 'aa-wong', 'hr-ana'],
      );
    });
  assert.equal(appraisalDefinition.followOnCases!(spec.stateAfter([...upToFinal(3), finalRated(3)])), [], 'no follow-on after a rating without consequence');
});

consequences('two unsatisfactory in five years start the mandatory removal track, with its notice and hearing window', () => {
  const prior = { priorFinalRatings: [{ periodEnd: '2023-09-30', level: 1 }] };
  spec
    .given(upToFinal(1, prior))
    .when(final(1))
    .thenEvents((events, after) => {
      assert.equal(events[1]!.data, {
        basis: 'two-unsatisfactory-in-five-years',
        countedRatings: [
          { periodEnd: '2026-09-30', level: 1 },
          { periodEnd: '2023-09-30', level: 1 },
        ],
      });
      assert.is(after.status, 'REMOVAL_NOTICE_DUE');
    });
  const mandatory: AppraisalEvent = {
    type: 'AppraisalMandatoryRemovalRequired',
    data: {
      basis: 'two-unsatisfactory-in-five-years',
      countedRatings: [
        { periodEnd: '2026-09-30', level: 1 },
        { periodEnd: '2023-09-30', level: 1 },
      ],
    },
    occurredAt: day('2026-11-20'),
  };
  const given = [...upToFinal(1, prior), finalRated(1), mandatory];
  const notice = (noticeDate: string, effectiveDate: string) =>
    act({ type: 'IssueRemovalNotice', noticeDate, effectiveDate, basis: 'Basis.' }, AA, day('2026-11-23'));
  spec.given(given).when(notice('2026-11-23', '2026-12-22')).thenRefused('appraisal.removal.notice-period', { field: 'effectiveDate', message: '2026-12-23' });
  spec
    .given(given)
    .when(notice('2026-11-23', '2026-12-23'))
    .thenEvents((events, after) => {
      assert.equal(events[0]!.data, {
        issuedBy: 'aa-wong',
        noticeDate: '2026-11-23',
        effectiveDate: '2026-12-23',
        basis: 'Basis.',
        mandatory: true,
        hearingRequestBy: '2026-12-08',
      });
      assert.equal(nextAppraisalTimer(after), { kind: 'removal-effective', dueAt: fires('2026-12-23') });
      assert.equal(pendingAppraisalDecisions(after)[0]?.dueOn, '2026-12-08');
    });
  const noticed: AppraisalEvent = {
    type: 'AppraisalRemovalNoticeIssued',
    data: { issuedBy: 'aa-wong', noticeDate: '2026-11-23', effectiveDate: '2026-12-23', basis: 'Basis.', mandatory: true, hearingRequestBy: '2026-12-08' },
    occurredAt: day('2026-11-23'),
  };
  const hearing = (requestedOn: string) => act({ type: 'RequestInformalHearing', requestedOn }, EXEC, day(requestedOn));
  spec
    .given([...given, noticed])
    .when(hearing('2026-12-09'))
    .thenRefused('appraisal.hearing.too-late', { field: 'requestedOn', message: 'by 2026-12-08' });
  spec
    .given([...given, noticed])
    .when(hearing('2026-12-08'))
    .thenEvents((events) => assert.is(events[0]!.type, 'AppraisalInformalHearingRequested'));
  // The hearing does not delay the removal.
  const asked: AppraisalEvent = {
    type: 'AppraisalInformalHearingRequested',
    data: { executiveId: 'ex-rivera', requestedOn: '2026-12-08' },
    occurredAt: day('2026-12-08'),
  };
  spec
    .given([...given, noticed, asked])
    .when(system('EffectRemoval', fires('2026-12-23')))
    .thenEvents((events, after) => {
      assert.equal(events[0]!.data, { effectiveDate: '2026-12-23', mandatory: true });
      assert.is(after.status, 'REMOVED');
    });
});

consequences('two below fully successful in three years make removal mandatory even at Level 2', () => {
  spec
    .given(upToFinal(2, { priorFinalRatings: [{ periodEnd: '2024-09-30', level: 2 }] }))
    .when(final(2))
    .thenEvents((events) => assert.is((events[1]!.data as { basis: string }).basis, 'two-below-fully-successful-in-three-years'));
  spec
    .given(upToFinal(2, { priorFinalRatings: [{ periodEnd: '2023-09-30', level: 2 }] }))
    .when(final(2))
    .thenEvents((events) => assert.is(events.length, 1, 'FY2023 is outside the three years FY2024-FY2026'));
});

consequences('property: removal is mandatory iff the 5-year unsatisfactory or 3-year below-fully-successful count reaches two', () => {
  const fy = (year: number) => `${year}-09-30`;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.uniqueArray(fc.record({ year: fc.integer({ min: 2016, max: 2025 }), level: fc.integer({ min: 1, max: 5 }) }), {
        selector: (r) => r.year,
        maxLength: 8,
      }),
      (level, priors) => {
        const prior: PriorFinalRating[] = priors.map((r) => ({ periodEnd: fy(r.year), level: r.level }));
        const unsatisfactory = (level === 1 ? 1 : 0) + priors.filter((r) => r.year >= 2022 && r.level === 1).length;
        const below = (level <= 2 ? 1 : 0) + priors.filter((r) => r.year >= 2024 && r.level <= 2).length;
        const expected =
          level === 1 && unsatisfactory >= 2
            ? 'two-unsatisfactory-in-five-years'
            : level <= 2 && below >= 2
              ? 'two-below-fully-successful-in-three-years'
              : null;
        assert.is(mandatoryRemoval({ periodEnd: fy(2026), level }, prior)?.basis ?? null, expected);
      },
    ),
  );
});

// --- whole runs -----------------------------------------------------------------
const runs = suite('appraisal: whole runs');

runs('a year from plan to final rating, driven one command at a time, replays to the same state', () => {
  const run = spec.newCase();
  run.sendAccepted(startCmd());
  run.sendAccepted(system('RemindOfPlan', fires('2025-09-17')));
  run.sendAccepted(communicate());
  run.sendAccepted(system('RemindOfProgressReview', fires('2026-04-01')));
  run.sendAccepted(act({ type: 'RecordProgressReview', heldOn: '2026-04-02', summary: 'On track.' }, SUP, day('2026-04-02')));
  run.sendAccepted(system('ReachPeriodEnd', fires('2026-10-01')));
  run.sendAccepted(act({ type: 'IssueInitialRating', level: 4, narrative: 'Strong year.' }, SUP, day('2026-10-15')));
  run.sendAccepted(act({ type: 'RespondToInitialRating', response: 'Thank you.', requestHigherLevelReview: false }, EXEC, day('2026-10-16')));
  run.sendAccepted(act({ type: 'ConvenePrb', panelId: 'PRB-DOE-2026-1', members: PANEL }, HR, day('2026-11-02')));
  run.sendAccepted(act({ type: 'SubmitPrbRecommendation', recommendedLevel: 4, recommendation: 'Concur.' }, PRB1, day('2026-11-10')));
  run.sendAccepted(act({ type: 'IssueFinalRating', level: 4, reasons: 'PRB concurs.' }, AA, day('2026-11-20')));
  assert.is(run.state.status, 'COMPLETED');
  assert.is(run.state.finalRating!.level, 4);
  assert.is(nextAppraisalTimer(run.state), null);
  const stored = run.events.map((e) => ({
    type: e.type,
    schemaVersion: appraisalDefinition.eventVersion(e.type),
    data: e.data,
    meta: { occurredAt: e.occurredAt },
  }));
  assert.equal(replay(appraisalDefinition, stored), run.state);
  const recorded = run.decisions
    .filter((d) => d.decision.ok)
    .flatMap((d, i) =>
      (d.decision.ok ? d.decision.events : []).map((e) => ({
        type: e.type,
        schemaVersion: 1,
        data: e.data,
        meta: { occurredAt: e.occurredAt, actor: d.command.actor, causationId: `command-${i}` },
      })),
    );
  assert.equal(
    appraisalDefinition.recordedInputs(recorded).map((c) => c.type),
    [
      'StartAppraisal',
      'CommunicatePlan',
      'RecordProgressReview',
      'IssueInitialRating',
      'RespondToInitialRating',
      'ConvenePrb',
      'SubmitPrbRecommendation',
      'IssueFinalRating',
    ],
  );
});

runs('property: every timer the case waits for is accepted when it fires, and the rating comes after at least 90 days under the plan', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.integer({ min: 0, max: 330 }), (level, hlr, offset) => {
      const run = spec.newCase();
      /** Fires every timer due by `instant`, as the workflow would. */
      const fireUntil = (instant: string) => {
        for (let timer = nextAppraisalTimer(run.state); timer && timer.dueAt <= instant; timer = nextAppraisalTimer(run.state)) {
          run.sendAccepted(appraisalTimerCommand(timer, timer.dueAt));
        }
      };
      const from = addDays('2025-10-01', offset);
      run.sendAccepted(startCmd({ appraisedFrom: from }));
      fireUntil(day(addDays(from, -1)));
      run.sendAccepted(communicate(PLAN_2025, addDays(from, -1), day(addDays(from, -1))));
      fireUntil(day(addDays(from, 10)));
      run.sendAccepted(act({ type: 'RecordProgressReview', heldOn: addDays(from, 10), summary: 'x' }, SUP, day(addDays(from, 10))));
      fireUntil(day('2027-12-31'));
      assert.is(run.state.status, 'RATING_DUE');
      assert.ok(run.state.daysUnderPlan! >= 90, 'at least 90 days under the plan');
      assert.is(run.state.period!.extended !== null, offset > 365 - 90);
      const ratedOn = day(addDays(run.state.period!.end, 5));
      run.sendAccepted(act({ type: 'IssueInitialRating', level, narrative: 'x' }, SUP, ratedOn));
      if (hlr) {
        run.sendAccepted(act({ type: 'RespondToInitialRating', response: 'x', requestHigherLevelReview: true }, EXEC, ratedOn));
        run.sendAccepted(act({ type: 'SubmitHigherLevelReview', recommendedLevel: level, recommendation: 'x' }, HLR, ratedOn));
      } else fireUntil(day('2028-12-31'));
      assert.is(run.state.status, 'AWAITING_PRB');
    }),
    { numRuns: 60 },
  );
});

runs('what-if: the same year re-run under the ECQ-era policy refuses the 2025 plan and no rating follows; under its own policy it is the record', () => {
  const commands = [
    startCmd(),
    communicate(),
    act({ type: 'RecordProgressReview', heldOn: '2026-04-02', summary: 'On track.' }, SUP, day('2026-04-02')),
    act({ type: 'IssueInitialRating', level: 4, narrative: 'Strong year.' }, SUP, day('2026-10-15')),
  ];
  const { events } = driveCase(appraisalDefinition, 'appraisal-APR-FY2026-RIVERA', commands);
  const same = whatIf(appraisalDefinition, events, 'ses-2025-10-01');
  assert.equal([same.refusedInputs, same.differences], [[], []]);
  const older = whatIf(appraisalDefinition, events, 'ses-2008-01-01');
  assert.equal(
    older.refusedInputs.map((r) => [r.type, r.rule]),
    [
      ['CommunicatePlan', 'appraisal.plan.unknown-element'],
      ['RecordProgressReview', 'appraisal.progress-review.not-in-period'],
      ['IssueInitialRating', 'appraisal.rating.not-due'],
    ],
  );
  assert.is((older.whatIf.state as { status: string }).status, 'PLAN_OVERDUE');
});

for (const s of [start, plan, period, review, consequences, runs]) s.run();
