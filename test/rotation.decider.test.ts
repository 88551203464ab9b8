import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDateOf, agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, addMonths, dateOf, daysBetween } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import {
  RotationActionSchema,
  RotationStartSchema,
  isRotationTerminal,
  midpointOf,
  nextRotationTimer,
  rotationDefinition,
  rotationEndDate,
  rotationTimerCommand,
  type RotationAction,
  type RotationCommand,
  type RotationEvent,
  type RotationStart,
  type RotationState,
} from '../domain/rotation';
import { deciderSpecification } from './support/deciderSpecification';

const spec = deciderSpecification(rotationDefinition);

// --- fixtures: commands -------------------------------------------------------
const OPEN_AT = '2026-11-23T14:00:00.000Z';
const day = (date: string) => `${date}T12:00:00.000Z`;
/** The instant a timer due on that date fires: the start of the home agency's (DOE: Washington's) day. */
const midnight = (date: string) => agencyDayStart(date, 'DOE');
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const EMP: Actor = { id: 'emp-okafor', role: 'employee' };
const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
const OPM: Actor = { id: 'opm-reyes', role: 'opm-rotation-team' };
const HOST_SUP: Actor = { id: 'sup-hollis', role: 'supervisor' };
const HOME_SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };

type Participant = RotationStart['participant'];
const startBody = (participant: Partial<Participant> = {}, overrides: Partial<RotationStart> = {}): RotationStart => ({
  caseId: 'ROT-2026-0007',
  cohortId: 'PMC-IRP-2026-C1',
  participant: { id: 'emp-okafor', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 64, lastRatingLevel: 5, ...participant },
  startedBy: 'hr-ana',
  ...overrides,
});
const openCmd = (participant: Partial<Participant> = {}, actor: Actor = HR, policyVersion?: string, overrides: Partial<RotationStart> = {}): RotationCommand =>
  rotationDefinition.startCommand(startBody(participant, overrides), OPEN_AT, actor, policyVersion);
const act = (action: RotationAction, actor: Actor, at = day('2026-11-24')): RotationCommand => rotationDefinition.actionCommand(action, at, actor);

const interest: RotationAction = { type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['driving-efficiency', 'leading-people'] };
const nomination: RotationAction = { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } };
const match: RotationAction = { type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' };
const terms = { reimbursable: false, appraisingAgency: 'host' as const };
const sign: RotationAction = { type: 'SignAgreement', terms };
const START_DATE = '2026-12-07';
const begin: RotationAction = { type: 'StartRotation', startDate: START_DATE };
const checkIn: RotationAction = { type: 'RecordMidpointCheckIn', summary: 'On track.' };
const extendBy = (months: number, consentedOn = '2027-04-01'): RotationAction => ({
  type: 'ExtendRotation',
  months,
  homeOfficialConsent: { officialId: 'home-diaz', consentedOn },
});
const evaluation: RotationAction = { type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Met every objective.' };
const returnHome = (returnedOn: string): RotationAction => ({ type: 'ConfirmReturnHome', returnedOn });
const withdrawal: RotationAction = { type: 'Withdraw', reason: 'Promotion at home.' };
const termination: RotationAction = { type: 'TerminateEarly', reason: 'Host office reorganized.' };
const timer = (type: 'MarkMidpointCheckInDue' | 'EndRotationPeriod', at: string): RotationCommand => ({ type, at, actor: SYSTEM_ACTOR });

// --- fixtures: events ---------------------------------------------------------
// 2026-12-07 + 6 months = 2027-06-07; 182 days, midpoint 91 days in.
const END = '2027-06-07';
const MIDPOINT = '2027-03-08';
const opened = (participant: Partial<Participant> = {}): RotationEvent => ({
  type: 'RotationCaseOpened',
  data: { start: startBody(participant), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
  occurredAt: OPEN_AT,
});
const interestStated: RotationEvent = {
  type: 'RotationStatementOfInterestSubmitted',
  data: { participantId: 'emp-okafor', resume: 'Branch chief.', targetEcqs: ['driving-efficiency', 'leading-people'] },
  occurredAt: day('2026-11-24'),
};
const nominated: RotationEvent = {
  type: 'RotationParticipantNominated',
  data: { nominatedBy: 'home-diaz', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } },
  occurredAt: day('2026-11-24'),
};
const hostMatched = (hostAgency = 'OMB', by: Actor = OPM): RotationEvent => ({
  type: 'RotationHostMatched',
  data: { matchedBy: by.id, hostAgency, hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' },
  occurredAt: day('2026-11-24'),
});
const signedBy = (side: 'home' | 'host', inForce: boolean): RotationEvent => ({
  type: 'RotationAgreementSigned',
  data: { side, signedBy: side === 'home' ? HOME.id : HOST.id, terms, inForce },
  occurredAt: day('2026-11-24'),
});
const rotationStarted: RotationEvent = {
  type: 'RotationStarted',
  data: { startDate: START_DATE, endDate: END, midpointDate: MIDPOINT, rotationMonths: 6 },
  occurredAt: day('2026-12-01'),
};
const midpointFellDue: RotationEvent = { type: 'RotationMidpointCheckInDue', data: { midpointDate: MIDPOINT }, occurredAt: midnight(MIDPOINT) };
const checkedIn: RotationEvent = {
  type: 'RotationMidpointCheckInRecorded',
  data: { hostSupervisorId: 'sup-hollis', summary: 'On track.' },
  occurredAt: day('2027-03-09'),
};
const periodEnded: RotationEvent = { type: 'RotationPeriodEnded', data: { endDate: END }, occurredAt: midnight(END) };
const evaluated: RotationEvent = {
  type: 'RotationCompletionEvaluated',
  data: { hostSupervisorId: 'sup-hollis', outcome: 'objectives-met', summary: 'Met every objective.' },
  occurredAt: day('2027-06-08'),
};
/** An extension after the mid-point fell due: the mid-point stays. */
const extendedAfterMidpoint = (months: number, total: number, previousEndDate: string, endDate: string, at: string): RotationEvent => ({
  type: 'RotationExtended',
  data: {
    requestedBy: 'host-park',
    homeOfficialConsent: { officialId: 'home-diaz', consentedOn: '2027-04-01' },
    months,
    totalExtensionMonths: total,
    previousEndDate,
    endDate,
    midpointDate: MIDPOINT,
  },
  occurredAt: at,
});

const OPENED = [opened()];
const INTERESTED = [...OPENED, interestStated];
const NOMINATED = [...INTERESTED, nominated];
const MATCHED = [...NOMINATED, hostMatched()];
const HOME_SIGNED = [...MATCHED, signedBy('home', false)];
const SIGNED = [...HOME_SIGNED, signedBy('host', true)];
const ACTIVE = [...SIGNED, rotationStarted];
const MIDPOINT_DUE = [...ACTIVE, midpointFellDue];
const ENDED = [...MIDPOINT_DUE, checkedIn, periodEnded];
const EVALUATED = [...ENDED, evaluated];

// --- opening -----------------------------------------------------------------
const opening = suite('rotation: opening on the cohort call');
opening('the home agency HR specialist opens the case; it pins the policy version and ECQ framework', () => {
  spec
    .given([])
    .when(openCmd())
    .then([{ type: 'RotationCaseOpened', data: { start: startBody(), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' }, occurredAt: OPEN_AT }]);
  const state = spec.stateAfter(OPENED);
  assert.is(state.status, 'COHORT_CALLED');
  assert.is(state.cohortId, 'PMC-IRP-2026-C1');
  assert.is(state.policyVersion, 'ses-2025-10-01');
});
opening('only an HR specialist, as themself, not the participant; a known policy version; once', () => {
  spec.given([]).when(openCmd({}, HOME)).thenRefused('rotation.open.hr-specialist-only', { kind: 'invalid' });
  spec
    .given([])
    .when(openCmd({}, { id: 'hr-bo', role: 'hr-specialist' }))
    .thenRefused('rotation.open.starter-is-actor', { field: 'startedBy' });
  spec
    .given([])
    .when(openCmd({ id: 'hr-ana' }))
    .thenRefused('rotation.open.separation-of-duties', { field: 'startedBy' });
  spec
    .given([])
    .when(openCmd({}, HR, 'ses-1999'))
    .thenRefused('rotation.open.unknown-policy-version', { field: 'policyVersion' });
  spec.given(OPENED).when(openCmd()).thenRefused('rotation.open.already-opened', { kind: 'conflict' });
});
opening('the start body is validated by zod: case id, grade, rating 1-5', () => {
  assert.ok(RotationStartSchema.safeParse(startBody()).success);
  const bad = RotationStartSchema.safeParse({ ...startBody(), caseId: 'x', participant: { ...startBody().participant, grade: 'fifteen', lastRatingLevel: 6 } });
  assert.not.ok(bad.success);
  const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
  assert.equal(paths, ['caseId', 'participant.grade', 'participant.lastRatingLevel']);
});
opening('nothing but opening is taken before the case is opened', () => {
  spec.given([]).when(act(interest, EMP)).thenRefused('rotation.not-opened', { kind: 'conflict' });
});
opening.run();

// --- interest and nomination ---------------------------------------------------------
const nominate = suite('rotation: statement of interest and nomination');
nominate('the participant submits a statement of interest with ECQs of the case framework', () => {
  spec
    .given(OPENED)
    .when(act(interest, EMP))
    .thenEvents((events, after) => {
      assert.equal(events, [interestStated]);
      assert.is(after.status, 'INTEREST_SUBMITTED');
      assert.equal(after.statementOfInterest?.targetEcqs, ['driving-efficiency', 'leading-people']);
    });
});
nominate('statement of interest refusals: only the participant, only ECQs, no repeats, once', () => {
  spec.given(OPENED).when(act(interest, HOME_SUP)).thenRefused('rotation.interest.participant-only', { kind: 'invalid' });
  spec
    .given(OPENED)
    .when(act(interest, { id: 'emp-other', role: 'employee' }))
    .thenRefused('rotation.interest.participant-only');
  spec
    .given(OPENED)
    .when(act({ ...interest, targetEcqs: ['leading-people', 'charisma'] } as RotationAction, EMP))
    .thenRefused('rotation.interest.unknown-ecq', { field: 'targetEcqs.1' });
  spec
    .given(OPENED)
    .when(act({ ...interest, targetEcqs: ['leading-people', 'leading-people'] } as RotationAction, EMP))
    .thenRefused('rotation.interest.distinct-ecqs', { field: 'targetEcqs.1' });
  spec.given(INTERESTED).when(act(interest, EMP)).thenRefused('rotation.interest.not-awaiting', { kind: 'conflict' });
});
nominate('the home agency official nominates with the supervisor concurrence', () => {
  spec
    .given(INTERESTED)
    .when(act(nomination, HOME))
    .thenEvents((events, after) => {
      assert.equal(events, [nominated]);
      assert.is(after.status, 'NOMINATED');
      assert.equal(after.nomination?.supervisorConcurrence, { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' });
      assert.is(after.nomination?.nominatedBy, 'home-diaz');
    });
});
nominate('nomination refusals: role, state, concurrence by someone else and not in the future', () => {
  spec.given(INTERESTED).when(act(nomination, HOST)).thenRefused('rotation.nominate.home-agency-official-only', { kind: 'invalid' });
  spec.given(OPENED).when(act(nomination, HOME)).thenRefused('rotation.nominate.not-awaiting', { kind: 'conflict' });
  spec
    .given(INTERESTED)
    .when(act({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'emp-okafor', concurredOn: '2026-11-23' } }, HOME))
    .thenRefused('rotation.nominate.separation-of-duties', { field: 'supervisorConcurrence.supervisorId' });
  spec
    .given(INTERESTED)
    .when(act({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-25' } }, HOME))
    .thenRefused('rotation.nominate.concurrence-in-future', { field: 'supervisorConcurrence.concurredOn' });
});
nominate('each eligibility check alone is named with its field', () => {
  const cases: [Partial<Participant>, string, RegExp][] = [
    [{ grade: 'GS-14' }, 'participant.grade', /grade \(participant.grade\): grade GS-14 is not one of the pilot's GS-15, GM-15/],
    [{ monthsFullTimeService: 17 }, 'participant.monthsFullTimeService', /17 months of full-time service, fewer than 18/],
    [{ lastRatingLevel: 3 }, 'participant.lastRatingLevel', /last rating level 3 of 5, below 4 of 5/],
    [{ careerTenure: false }, 'participant.careerTenure', /no career or career-conditional tenure/],
  ];
  for (const [participant, field, message] of cases) {
    spec
      .given([opened(participant), interestStated])
      .when(act(nomination, HOME))
      .thenRefused('rotation.nominate.ineligible', { field, kind: 'invalid', message });
  }
  // The thresholds themselves pass.
  spec
    .given([opened({ monthsFullTimeService: 18, lastRatingLevel: 4 }), interestStated])
    .when(act(nomination, HOME))
    .then([nominated]);
});
nominate('an ineligible nominee failing several checks gets one refusal naming every failed check', () => {
  spec
    .given([opened({ grade: 'GS-13', monthsFullTimeService: 6, lastRatingLevel: 3, careerTenure: false }), interestStated])
    .when(act(nomination, HOME))
    .thenRefused('rotation.nominate.ineligible', {
      field: 'participant',
      message: [
        'grade (participant.grade)',
        'full-time-service (participant.monthsFullTimeService)',
        'last-rating (participant.lastRatingLevel)',
        'career-tenure (participant.careerTenure)',
        /under policy ses-2025-10-01/,
      ],
    });
});
nominate.run();

// --- match and agreement --------------------------------------------------------------
const matching = suite('rotation: host match, declines and the agreement');
matching('OPM or a host official matches a host agency other than the home agency', () => {
  spec
    .given(NOMINATED)
    .when(act(match, OPM))
    .thenEvents((events, after) => {
      assert.equal(events, [hostMatched()]);
      assert.is(after.status, 'MATCHED');
    });
  spec
    .given(NOMINATED)
    .when(act(match, HOST))
    .then([hostMatched('OMB', HOST)]);
  spec.given(NOMINATED).when(act(match, HOME)).thenRefused('rotation.match.opm-or-host-only', { kind: 'invalid' });
  spec
    .given(NOMINATED)
    .when(act({ ...match, hostAgency: 'DOE' } as RotationAction, OPM))
    .thenRefused('rotation.match.host-is-home-agency', { field: 'hostAgency' });
  spec
    .given(NOMINATED)
    .when(act({ ...match, hostSupervisorId: 'emp-okafor' } as RotationAction, OPM))
    .thenRefused('rotation.match.separation-of-duties', { field: 'hostSupervisorId' });
  spec.given(INTERESTED).when(act(match, OPM)).thenRefused('rotation.match.not-awaiting', { kind: 'conflict' });
});
matching('the participant declines a match: back to awaiting a match, a half-signed agreement lapses; a new match follows', () => {
  spec
    .given(HOME_SIGNED)
    .when(act({ type: 'DeclineMatch', reason: 'Too far.' }, HOME))
    .thenRefused('rotation.decline.participant-only', { kind: 'invalid' });
  const declined: RotationEvent = {
    type: 'RotationMatchDeclined',
    data: {
      participantId: 'emp-okafor',
      hostAgency: 'OMB',
      assignmentTitle: 'Senior Program Examiner',
      reason: 'The assignment does not fit my targeted ECQs.',
    },
    occurredAt: day('2026-11-24'),
  };
  spec
    .given(HOME_SIGNED)
    .when(act({ type: 'DeclineMatch', reason: 'The assignment does not fit my targeted ECQs.' }, EMP))
    .thenEvents((events, after) => {
      assert.equal(events, [declined]);
      assert.is(after.status, 'NOMINATED');
      assert.is(after.match, null);
      assert.equal(after.signatures, { home: null, host: null });
      assert.equal(
        after.declinedMatches.map((d) => d.hostAgency),
        ['OMB'],
      );
    });
  spec
    .given([...HOME_SIGNED, declined])
    .when(act({ type: 'DeclineMatch', reason: 'again' }, EMP))
    .thenRefused('rotation.decline.no-open-match', { kind: 'conflict' });
  spec
    .given([...HOME_SIGNED, declined])
    .when(act({ ...match, hostAgency: 'GSA' } as RotationAction, OPM))
    .then([hostMatched('GSA')]);
});
matching('each side signs once; the agreement is in force when both signed the same terms', () => {
  spec
    .given(MATCHED)
    .when(act(sign, HOME))
    .then([signedBy('home', false)]);
  const home = spec.stateAfter(HOME_SIGNED);
  assert.is(home.status, 'MATCHED');
  assert.is(home.agreement, null);
  spec
    .given(HOME_SIGNED)
    .when(act(sign, HOST))
    .thenEvents((events, after) => {
      assert.equal(events, [
        { type: 'RotationAgreementSigned', data: { side: 'host', signedBy: 'host-park', terms, inForce: true }, occurredAt: day('2026-11-24') },
      ]);
      assert.is(after.status, 'AGREEMENT_SIGNED');
      assert.equal(after.agreement?.terms, { reimbursable: false, appraisingAgency: 'host' });
    });
  spec
    .given(HOME_SIGNED)
    .when(act(sign, { id: 'home-2', role: 'home-agency-official' }))
    .thenRefused('rotation.agreement.already-signed', { kind: 'conflict' });
  spec
    .given(HOME_SIGNED)
    .when(act({ type: 'SignAgreement', terms: { ...terms, reimbursable: true } }, HOST))
    .thenRefused('rotation.agreement.terms-differ', { field: 'terms' });
  spec.given(MATCHED).when(act(sign, OPM)).thenRefused('rotation.agreement.agency-official-only', { kind: 'invalid' });
  spec.given(NOMINATED).when(act(sign, HOME)).thenRefused('rotation.agreement.not-awaiting', { kind: 'conflict' });
});
matching.run();

// --- the rotation ---------------------------------------------------------------------
const running = suite('rotation: start, mid-point, extension, end, evaluation, return');
running('the rotation starts after the agreement; end = start + rotationMonths, midpoint halfway', () => {
  spec
    .given(SIGNED)
    .when(act(begin, HOST, day('2026-12-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [rotationStarted]);
      assert.is(after.status, 'ROTATION_ACTIVE');
      assert.is(after.startDate, START_DATE);
      assert.is(after.endDate, END);
      assert.is(after.endDate, addMonths(START_DATE, policyById('ses-2025-10-01').rotation.rotationMonths));
      assert.is(after.midpointDate, MIDPOINT);
      assert.equal(nextRotationTimer(after), { kind: 'midpoint-check-in-due', dueAt: midnight(MIDPOINT) });
    });
});
running('start refusals: agreement in force, an agency official, not in the past', () => {
  spec.given(MATCHED).when(act(begin, HOST)).thenRefused('rotation.start.agreement-not-in-force', { kind: 'conflict' });
  spec.given(HOME_SIGNED).when(act(begin, HOST)).thenRefused('rotation.start.agreement-not-in-force');
  spec.given(SIGNED).when(act(begin, EMP)).thenRefused('rotation.start.agency-official-only', { kind: 'invalid' });
  spec
    .given(SIGNED)
    .when(act(begin, HOME, day('2026-12-08')))
    .thenRefused('rotation.start.date-in-past', { field: 'startDate' });
});
running('the mid-point falls due on its date, then the host supervisor records the check-in', () => {
  spec
    .given(ACTIVE)
    .when(timer('MarkMidpointCheckInDue', day('2027-03-07')))
    .thenRefused('rotation.timer.not-yet-due');
  spec
    .given(ACTIVE)
    .when(act(checkIn, HOST_SUP, day('2027-03-07')))
    .thenRefused('rotation.midpoint.not-yet-due', { kind: 'conflict' });
  spec
    .given(ACTIVE)
    .when(timer('MarkMidpointCheckInDue', midnight(MIDPOINT)))
    .thenEvents((events, after) => {
      assert.equal(events, [midpointFellDue]);
      assert.is(after.midpointDueAt, midnight(MIDPOINT));
      assert.equal(nextRotationTimer(after), { kind: 'end-of-rotation', dueAt: midnight(END) });
    });
  spec
    .given(MIDPOINT_DUE)
    .when(act(checkIn, HOME_SUP, day('2027-03-09')))
    .thenRefused('rotation.midpoint.host-supervisor-only', { kind: 'invalid' });
  spec
    .given(MIDPOINT_DUE)
    .when(act(checkIn, HOST_SUP, day('2027-03-09')))
    .thenEvents((events, after) => {
      assert.equal(events, [checkedIn]);
      assert.is(after.midpointCheckIn?.hostSupervisorId, 'sup-hollis');
    });
  spec
    .given([...MIDPOINT_DUE, checkedIn])
    .when(act(checkIn, HOST_SUP, day('2027-03-10')))
    .thenRefused('rotation.midpoint.already-recorded', { kind: 'conflict' });
  spec
    .given(MIDPOINT_DUE)
    .when(timer('MarkMidpointCheckInDue', day('2027-03-10')))
    .thenRefused('rotation.timer.midpoint-already-due');
});
running('timers are the system only', () => {
  spec
    .given(ACTIVE)
    .when({ type: 'MarkMidpointCheckInDue', at: day(MIDPOINT), actor: HOST })
    .thenRefused('rotation.timer.system-only', { kind: 'invalid' });
  spec
    .given(ACTIVE)
    .when({ type: 'EndRotationPeriod', at: day(END), actor: HOME })
    .thenRefused('rotation.timer.system-only');
});
running('the period ends on the end date, not before; then the host supervisor evaluates', () => {
  spec
    .given(MIDPOINT_DUE)
    .when(timer('EndRotationPeriod', day('2027-06-06')))
    .thenRefused('rotation.timer.not-yet-due');
  spec
    .given([...MIDPOINT_DUE, checkedIn])
    .when(timer('EndRotationPeriod', midnight(END)))
    .thenEvents((events, after) => {
      assert.equal(events, [periodEnded]);
      assert.is(after.status, 'PERIOD_ENDED');
      assert.is(nextRotationTimer(after), null);
    });
  spec
    .given(MIDPOINT_DUE)
    .when(act(evaluation, HOST_SUP, day('2027-05-01')))
    .thenRefused('rotation.evaluation.not-ended', { kind: 'conflict' });
  spec
    .given(ENDED)
    .when(act(evaluation, HOST, day('2027-06-08')))
    .thenRefused('rotation.evaluation.host-supervisor-only', { kind: 'invalid' });
  spec
    .given(ENDED)
    .when(act(evaluation, HOST_SUP, day('2027-06-08')))
    .thenEvents((events, after) => {
      assert.equal(events, [evaluated]);
      assert.is(after.evaluation?.outcome, 'objectives-met');
    });
});
running('the home official confirms the return home: terminal RETURNED_HOME', () => {
  spec
    .given(ENDED)
    .when(act(returnHome(END), HOME, day('2027-06-08')))
    .thenRefused('rotation.return.not-evaluated', { kind: 'conflict' });
  spec
    .given(EVALUATED)
    .when(act(returnHome(END), HOST, day('2027-06-08')))
    .thenRefused('rotation.return.home-agency-official-only', { kind: 'invalid' });
  spec
    .given(EVALUATED)
    .when(act(returnHome('2027-06-06'), HOME, day('2027-06-08')))
    .thenRefused('rotation.return.before-end', { field: 'returnedOn' });
  spec
    .given(EVALUATED)
    .when(act(returnHome('2027-06-09'), HOME, day('2027-06-08')))
    .thenRefused('rotation.return.date-in-future', { field: 'returnedOn' });
  const returned: RotationEvent = {
    type: 'RotationParticipantReturnedHome',
    data: { confirmedBy: 'home-diaz', returnedOn: END },
    occurredAt: day('2027-06-08'),
  };
  spec
    .given(EVALUATED)
    .when(act(returnHome(END), HOME, day('2027-06-08')))
    .thenEvents((events, after) => {
      assert.equal(events, [returned]);
      assert.is(after.status, 'RETURNED_HOME');
      assert.ok(isRotationTerminal(after));
      assert.is(nextRotationTimer(after), null);
    });
  spec
    .given([...EVALUATED, returned])
    .when(act(termination, HOME, day('2027-06-09')))
    .thenRefused('rotation.case-closed', { kind: 'conflict' });
});
running('an extension before the mid-point moves the end and the mid-point', () => {
  spec
    .given(ACTIVE)
    .when(act(extendBy(3, '2027-01-10'), HOST, day('2027-01-10')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        {
          type: 'RotationExtended',
          data: {
            requestedBy: 'host-park',
            homeOfficialConsent: { officialId: 'home-diaz', consentedOn: '2027-01-10' },
            months: 3,
            totalExtensionMonths: 3,
            previousEndDate: END,
            endDate: '2027-09-07',
            midpointDate: midpointOf(START_DATE, '2027-09-07'),
          },
          occurredAt: day('2027-01-10'),
        },
      ]);
      assert.is(after.endDate, '2027-09-07');
      assert.is(after.extensionMonths, 3);
      assert.is(after.midpointDate, midpointOf(START_DATE, '2027-09-07'));
      assert.equal(nextRotationTimer(after)?.dueAt, midnight(after.midpointDate!));
    });
});
running('an extension after the mid-point moves only the end; extensions add up to the policy maximum', () => {
  const one = extendedAfterMidpoint(1, 1, END, '2027-07-07', day('2027-04-01'));
  spec
    .given(MIDPOINT_DUE)
    .when(act(extendBy(1), HOST, day('2027-04-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [one]);
      assert.is(after.endDate, '2027-07-07');
      assert.is(after.midpointDate, MIDPOINT);
    });
  const three = extendedAfterMidpoint(2, 3, '2027-07-07', '2027-09-07', day('2027-04-02'));
  spec
    .given([...MIDPOINT_DUE, one])
    .when(act(extendBy(2), HOST, day('2027-04-02')))
    .thenEvents((events, after) => {
      assert.equal(events, [three]);
      assert.is(after.endDate, '2027-09-07');
      assert.equal(nextRotationTimer(after), { kind: 'end-of-rotation', dueAt: midnight('2027-09-07') });
    });
  spec
    .given([...MIDPOINT_DUE, one, three])
    .when(act(extendBy(1), HOST, day('2027-04-03')))
    .thenRefused('rotation.extend.max-extension', { field: 'months', kind: 'invalid', message: /at most 3 months.*3 already granted/ });
  spec
    .given(MIDPOINT_DUE)
    .when(act(extendBy(4), HOST, day('2027-04-01')))
    .thenRefused('rotation.extend.max-extension', { field: 'months' });
});
running('extension refusals: host official only, home consent by another and not in the future, while active and before the end', () => {
  spec
    .given(ACTIVE)
    .when(act(extendBy(1), HOME, day('2027-04-01')))
    .thenRefused('rotation.extend.host-agency-official-only', { kind: 'invalid' });
  spec
    .given(ACTIVE)
    .when(act({ type: 'ExtendRotation', months: 1, homeOfficialConsent: { officialId: 'host-park', consentedOn: '2027-04-01' } }, HOST, day('2027-04-01')))
    .thenRefused('rotation.extend.home-consent', { field: 'homeOfficialConsent.officialId' });
  spec
    .given(ACTIVE)
    .when(act(extendBy(1, '2027-04-02'), HOST, day('2027-04-01')))
    .thenRefused('rotation.extend.consent-in-future', { field: 'homeOfficialConsent.consentedOn' });
  spec
    .given(ACTIVE)
    .when(act(extendBy(1), HOST, day(END)))
    .thenRefused('rotation.extend.period-over', { kind: 'conflict' });
  spec
    .given(ENDED)
    .when(act(extendBy(1), HOST, day('2027-06-08')))
    .thenRefused('rotation.extend.not-active', { kind: 'conflict' });
  spec
    .given(SIGNED)
    .when(act(extendBy(1), HOST))
    .thenRefused('rotation.extend.not-active');
});
running.run();

// --- early endings -------------------------------------------------------------------
const endings = suite('rotation: early termination and withdrawal');
endings('either agency terminates a running rotation with a reason: terminal, no more timers', () => {
  for (const [actor, side] of [
    [HOME, 'home'],
    [HOST, 'host'],
  ] as const) {
    const terminated: RotationEvent = {
      type: 'RotationTerminatedEarly',
      data: { side, terminatedBy: actor.id, reason: 'Host office reorganized.' },
      occurredAt: day('2027-02-01'),
    };
    spec
      .given(ACTIVE)
      .when(act(termination, actor, day('2027-02-01')))
      .thenEvents((events, after) => {
        assert.equal(events, [terminated]);
        assert.is(after.status, 'TERMINATED_EARLY');
        assert.equal(after.outcome, { status: 'TERMINATED_EARLY', at: day('2027-02-01'), by: actor.id, side, reason: 'Host office reorganized.' });
        assert.is(nextRotationTimer(after), null);
      });
    spec
      .given([...ACTIVE, terminated])
      .when(timer('EndRotationPeriod', day(END)))
      .thenRefused('rotation.case-closed', { kind: 'conflict' });
  }
  spec
    .given(ACTIVE)
    .when(act(termination, EMP, day('2027-02-01')))
    .thenRefused('rotation.terminate.agency-official-only', { kind: 'invalid' });
  spec.given(SIGNED).when(act(termination, HOME)).thenRefused('rotation.terminate.not-active', { kind: 'conflict' });
  spec
    .given(ENDED)
    .when(act(termination, HOME, day('2027-06-08')))
    .thenRefused('rotation.terminate.not-active');
});
endings('the participant withdraws at any open step before the rotation starts, never after', () => {
  for (const history of [OPENED, INTERESTED, NOMINATED, MATCHED, SIGNED]) {
    const fromStatus = spec.stateAfter(history).status;
    spec
      .given(history)
      .when(act(withdrawal, EMP, day('2026-12-01')))
      .thenEvents((events, after) => {
        assert.equal(events, [
          { type: 'RotationWithdrawn', data: { participantId: 'emp-okafor', reason: 'Promotion at home.', fromStatus }, occurredAt: day('2026-12-01') },
        ]);
        assert.is(after.status, 'WITHDRAWN');
        assert.is(after.outcome?.status === 'WITHDRAWN' && after.outcome.fromStatus, fromStatus);
      });
  }
  spec.given(NOMINATED).when(act(withdrawal, HOME)).thenRefused('rotation.withdraw.participant-only', { kind: 'invalid' });
  spec
    .given(ACTIVE)
    .when(act(withdrawal, EMP, day('2027-01-01')))
    .thenRefused('rotation.withdraw.rotation-started', { kind: 'conflict' });
  const gone: RotationEvent[] = [
    ...OPENED,
    {
      type: 'RotationWithdrawn',
      data: { participantId: 'emp-okafor', reason: 'Promotion at home.', fromStatus: 'COHORT_CALLED' },
      occurredAt: day('2026-11-24'),
    },
  ];
  spec.given(gone).when(act(interest, EMP)).thenRefused('rotation.case-closed', { kind: 'conflict' });
});
endings.run();

// --- properties ---------------------------------------------------------------------
const props = suite('rotation: properties');
const ACTORS: readonly Actor[] = [HR, EMP, HOME, HOST, OPM, HOST_SUP, HOME_SUP];
const actionArb: fc.Arbitrary<RotationAction> = fc.oneof(
  fc.constant(interest),
  fc.constant(nomination),
  fc.constantFrom('OMB', 'GSA', 'DOE').map((hostAgency): RotationAction => ({ ...match, hostAgency }) as RotationAction),
  fc.constant<RotationAction>({ type: 'DeclineMatch', reason: 'No.' }),
  { weight: 3, arbitrary: fc.boolean().map((reimbursable): RotationAction => ({ type: 'SignAgreement', terms: { reimbursable, appraisingAgency: 'host' } })) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 20 }).map((n): RotationAction => ({ type: 'StartRotation', startDate: `+${n}` })) },
  fc.constant(checkIn),
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((months): RotationAction => extendBy(months, 'today')) },
  fc.constant(evaluation),
  fc.constant<RotationAction>({ type: 'ConfirmReturnHome', returnedOn: 'today' }),
  { weight: 1, arbitrary: fc.constant(termination) },
  { weight: 1, arbitrary: fc.constant(withdrawal) },
);
const rightActor = (action: RotationAction): Actor => {
  switch (action.type) {
    case 'SubmitStatementOfInterest':
    case 'DeclineMatch':
    case 'Withdraw':
      return EMP;
    case 'NominateParticipant':
    case 'ConfirmReturnHome':
      return HOME;
    case 'MatchHost':
      return OPM;
    case 'RecordMidpointCheckIn':
    case 'SubmitCompletionEvaluation':
      return HOST_SUP;
    default:
      return HOST;
  }
};
/** The action that moves the case on, as the right people would take it (so random runs go the whole way). */
const progress = (state: RotationState, today: string): RotationAction | null => {
  switch (state.status) {
    case 'COHORT_CALLED':
      return interest;
    case 'INTEREST_SUBMITTED':
      return nomination;
    case 'NOMINATED':
      return match;
    case 'MATCHED':
      return sign;
    case 'AGREEMENT_SIGNED':
      return { type: 'StartRotation', startDate: today };
    case 'ROTATION_ACTIVE':
      return state.midpointDueAt && !state.midpointCheckIn ? checkIn : null;
    case 'PERIOD_ENDED':
      return evaluation;
    case 'EVALUATED':
      return { type: 'ConfirmReturnHome', returnedOn: today };
    default:
      return null;
  }
};
const stepArb = fc.record({
  gapDays: fc.integer({ min: 0, max: 60 }),
  progress: fc.boolean(),
  action: fc.option(actionArb, { nil: null, freq: 6 }),
  actor: fc.option(fc.constantFrom(...ACTORS), { nil: null, freq: 3 }),
  bothSign: fc.boolean(),
});
const runArb = fc.record({ steps: fc.array(stepArb, { maxLength: 30 }), finish: fc.boolean() });
type Step = { gapDays: number; progress: boolean; action: RotationAction | null; actor: Actor | null; bothSign: boolean };
/** Plays a random run: every due timer fires first (as the workflow would), then the step's action. */
const play = ({ steps, finish }: { steps: Step[]; finish: boolean }) => {
  const run = spec.newCase();
  run.send(openCmd());
  let today = dateOf(OPEN_AT);
  // Far ahead at the end, so every remaining timer fires; a finishing run then takes the steps that close the case.
  const tail = (gapDays: number): Step => ({ gapDays, progress: finish, action: null, actor: null, bothSign: false });
  for (const step of [...steps, tail(400), tail(1), tail(1)]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    for (let t = nextRotationTimer(run.state); t && t.dueAt <= now; t = nextRotationTimer(run.state)) {
      run.sendAccepted(rotationTimerCommand(t, t.dueAt));
    }
    const chosen = step.progress ? progress(run.state, today) : step.action;
    if (!chosen) continue;
    let action = chosen;
    if (action.type === 'StartRotation' && action.startDate.startsWith('+'))
      action = { ...action, startDate: addDays(today, Number(action.startDate.slice(1))) };
    if (action.type === 'ExtendRotation') action = { ...action, homeOfficialConsent: { ...action.homeOfficialConsent, consentedOn: today } };
    if (action.type === 'ConfirmReturnHome') action = { ...action, returnedOn: today };
    const actor = step.progress ? rightActor(action) : (step.actor ?? rightActor(action));
    run.send(act(action, actor, now));
    if (action.type === 'SignAgreement' && (step.bothSign || step.progress)) run.send(act(action, actor.role === 'home-agency-official' ? HOST : HOME, now));
  }
  return run;
};

props('no event is ever accepted after a terminal state, and the terminal event is the last', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const { before, decision } of run.decisions) if (isRotationTerminal(before)) assert.not.ok(decision.ok, 'a terminal case accepted a command');
      const terminalAt = run.events.findIndex((e) => ['RotationParticipantReturnedHome', 'RotationTerminatedEarly', 'RotationWithdrawn'].includes(e.type));
      assert.ok(terminalAt === -1 || terminalAt === run.events.length - 1, 'the terminal event is the last');
    }),
    { numRuns: 400 },
  );
});
props('replaying the stream (through parseEvent, as stored JSON) always equals the live state', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const stored = run.events.map((e) => ({
        type: e.type,
        schemaVersion: rotationDefinition.eventVersion(e.type),
        data: JSON.parse(JSON.stringify(e.data)),
        meta: { occurredAt: e.occurredAt },
      }));
      const live = run.states.at(-1)!;
      assert.equal(replay(rotationDefinition, stored), live);
      assert.equal(JSON.parse(JSON.stringify(live)), live, 'the state is plain JSON');
    }),
    { numRuns: 400 },
  );
});
props('dates are always computed from the pinned policy: end, mid-point, extensions within the maximum', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const state of run.states) {
        if (state.startDate === null) continue;
        const policy = policyById(state.policyVersion!).rotation;
        assert.ok(state.extensionMonths <= policy.maxExtensionMonths, 'extension within the maximum');
        assert.is(
          state.extensionMonths,
          state.extensions.reduce((sum, e) => sum + e.months, 0),
        );
        assert.is(state.endDate, rotationEndDate(state.startDate, policy, state.extensionMonths));
        assert.ok(state.midpointDate! > state.startDate && state.midpointDate! < state.endDate!, 'mid-point inside the period');
        if (state.midpointDueAt) assert.is(agencyDateOf(state.midpointDueAt, 'DOE'), state.midpointDate);
        if (state.periodEndedAt) assert.is(agencyDateOf(state.periodEndedAt, 'DOE'), state.endDate);
        if (state.extensions.length === 0) assert.is(state.midpointDate, midpointOf(state.startDate, state.endDate!));
        assert.ok(daysBetween(state.startDate, state.endDate!) >= 181, 'at least six months');
      }
    }),
    { numRuns: 400 },
  );
});
props('random runs reach every ending (the generator exercises the whole process)', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(runArb, (input) => {
      const { states } = play(input);
      seen.add(states.at(-1)!.status);
      if (states.some((st) => st.extensionMonths > 0)) seen.add('extended');
      if (states.some((st) => st.declinedMatches.length > 0)) seen.add('declined');
    }),
    { numRuns: 400, seed: 42 },
  );
  for (const status of ['WITHDRAWN', 'TERMINATED_EARLY', 'PERIOD_ENDED', 'RETURNED_HOME', 'extended', 'declined'])
    assert.ok(seen.has(status), `${status} reached; seen ${[...seen].join(', ')}`);
});
props.run();

// --- examples -----------------------------------------------------------------------
const examples = suite('rotation: examples/ bodies');
const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `rotation-${name}.json`), 'utf8'));
examples('every example body parses and is accepted at a date in its story', () => {
  const story = spec.newCase();
  story.sendAccepted(rotationDefinition.startCommand(RotationStartSchema.parse(example('start')), OPEN_AT, HR));
  const play1 = (name: string, at: string) => {
    const body = example(name);
    story.sendAccepted(act(RotationActionSchema.parse(body.action), body.actor, at));
  };
  play1('interest', day('2026-11-23'));
  play1('nominate', day('2026-11-23'));
  play1('match', day('2026-11-24'));
  play1('sign-home', day('2026-11-25'));
  play1('sign-host', day('2026-11-26'));
  play1('begin', day('2026-11-30'));
  story.sendAccepted(timer('MarkMidpointCheckInDue', midnight(MIDPOINT)));
  play1('checkin', day('2027-03-10'));
  play1('extend', day('2027-05-03'));
  assert.is(story.state.endDate, '2027-09-07');
  story.sendAccepted(timer('EndRotationPeriod', midnight('2027-09-07')));
  play1('evaluate', day('2027-09-07'));
  play1('return', day('2027-09-08'));
  assert.is(story.state.status, 'RETURNED_HOME');
  const withdrawBody = example('withdraw');
  spec
    .given(OPENED)
    .when(act(RotationActionSchema.parse(withdrawBody.action), withdrawBody.actor))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['RotationWithdrawn'],
      ),
    );
  const terminateBody = example('terminate');
  spec
    .given(ACTIVE)
    .when(act(RotationActionSchema.parse(terminateBody.action), terminateBody.actor, day('2027-01-05')))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['RotationTerminatedEarly'],
      ),
    );
});
examples.run();
