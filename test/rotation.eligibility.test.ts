import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyById } from '../domain/policyVersions';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import {
  eligibilityFailures,
  nextRotationTimer,
  rotationDefinition,
  type RotationAction,
  type RotationCommand,
  type RotationEvent,
  type RotationStart,
} from '../domain/rotation';
import { deciderSpecification } from './support/deciderSpecification';

/**
 * Rotation eligibility as dated policy (issue 13): the pilot's grades (GS-15 and GM-15) and the last
 * rating on patterns other than five levels are values of RotationPolicy, not code; a participant the
 * rules refuse leaves no pending nomination; the rotation's days are the home agency's.
 */
const spec = deciderSpecification(rotationDefinition);
const POLICY = policyById('ses-2025-10-01').rotation;
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
const OPEN_AT = '2026-11-23T15:00:00.000Z';
type Participant = RotationStart['participant'];
const participant = (overrides: Partial<Participant> = {}): Participant => ({
  id: 'emp-okafor',
  homeAgency: 'DOE',
  grade: 'GS-15',
  careerTenure: true,
  monthsFullTimeService: 40,
  lastRatingLevel: 5,
  ...overrides,
});
const startBody = (overrides: Partial<Participant> = {}): RotationStart => ({
  caseId: 'ROT-ELIG-1',
  cohortId: 'PMC-IRP-2026-C1',
  participant: participant(overrides),
  startedBy: 'hr-ana',
});
const open = (overrides: Partial<Participant> = {}, at = OPEN_AT): RotationCommand => rotationDefinition.startCommand(startBody(overrides), at, HR, undefined);
const act = (action: RotationAction, actor: Actor, at = '2026-11-24T15:00:00.000Z'): RotationCommand => rotationDefinition.actionCommand(action, at, actor);
const opened = (overrides: Partial<Participant> = {}): RotationEvent => ({
  type: 'RotationCaseOpened',
  data: { start: startBody(overrides), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
  occurredAt: OPEN_AT,
});
const interested: RotationEvent = {
  type: 'RotationStatementOfInterestSubmitted',
  data: { participantId: 'emp-okafor', resume: 'Branch chief.', targetEcqs: ['leading-people'] },
  occurredAt: '2026-11-23T18:00:00.000Z',
};
const nominate: RotationAction = { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } };

const eligibility = suite('rotation: eligibility as dated policy values');

eligibility('the pilot takes GS-15 and its equivalent GM-15, no other grade', () => {
  assert.equal(POLICY.eligibleGrades, ['GS-15', 'GM-15']);
  spec
    .given([opened({ grade: 'GM-15' }), interested])
    .when(act(nominate, HOME))
    .thenEvents((events) =>
      assert.equal(
        events.map((e) => e.type),
        ['RotationParticipantNominated'],
      ),
    );
  spec
    .given([opened({ grade: 'GM-14' }), interested])
    .when(act(nominate, HOME))
    .thenRefused('rotation.nominate.ineligible', { field: 'participant.grade', message: "not one of the pilot's GS-15, GM-15" });
});

eligibility('"exceeds or higher" on each rating pattern: five levels from 4, four from 3, three only its top, pass/fail never', () => {
  assert.equal(POLICY.minLastRatingLevel, { 5: 4, 4: 3, 3: 3, 2: null });
  const lastRating = (ratingLevels: 2 | 3 | 4 | 5 | undefined, lastRatingLevel: number) =>
    eligibilityFailures(participant({ ...(ratingLevels === undefined ? {} : { ratingLevels }), lastRatingLevel }), POLICY).map((f) => f.field);
  assert.equal(lastRating(undefined, 4), [], 'five levels unless said: 4 exceeds');
  assert.equal(lastRating(undefined, 3), ['participant.lastRatingLevel']);
  assert.equal(lastRating(4, 3), [], 'on four levels (1, 3, 4, 5) the third is "exceeds"');
  assert.equal(lastRating(4, 2), ['participant.lastRatingLevel']);
  assert.equal(lastRating(3, 3), [], 'on three levels (1, 3, 5) only the top is above fully successful');
  assert.equal(lastRating(3, 2), ['participant.lastRatingLevel']);
  assert.equal(lastRating(2, 2), ['participant.ratingLevels'], 'a pass/fail rating never shows it');
  spec
    .given([opened({ ratingLevels: 3, lastRatingLevel: 2 }), interested])
    .when(act(nominate, HOME))
    .thenRefused('rotation.nominate.ineligible', { field: 'participant.lastRatingLevel', message: 'last rating level 2 of 3, below 3 of 3' });
});

eligibility('a rating level the pattern does not have is refused at the start, naming the field', () => {
  spec
    .given([])
    .when(open({ ratingLevels: 3, lastRatingLevel: 4 }))
    .thenRefused('rotation.open.rating-level-outside-pattern', { field: 'participant.lastRatingLevel', message: '3-level rating pattern (1 to 3)' });
  spec
    .given([])
    .when(open({ ratingLevels: 4, lastRatingLevel: 4 }))
    .thenEvents((events) => assert.is(events[0]!.type, 'RotationCaseOpened'));
});

eligibility('property: a higher last rating on the same pattern never makes an eligible participant ineligible', () => {
  fc.assert(
    fc.property(fc.constantFrom(2, 3, 4, 5), fc.integer({ min: 1, max: 5 }), (levels, level) => {
      fc.pre(level < levels);
      const failuresAt = (l: number) => eligibilityFailures(participant({ ratingLevels: levels, lastRatingLevel: l }), POLICY).length;
      assert.ok(failuresAt(level + 1) <= failuresAt(level));
    }),
  );
});

eligibility('a stored v1 opening (five levels, before ratingLevels) reads as it was', () => {
  const v1 = opened();
  const parsed = rotationDefinition.parseEvent({ type: v1.type, schemaVersion: 1, data: v1.data, occurredAt: v1.occurredAt });
  assert.equal(parsed, v1);
});
eligibility.run();

const inbox = suite("rotation: the home official's inbox");

inbox('a participant the rules make ineligible leaves no pending nomination; an eligible one does', () => {
  const ineligible = spec.stateAfter([opened({ grade: 'GS-14' }), interested]);
  assert.equal(rotationDefinition.pendingDecisions(ineligible), []);
  const eligible = spec.stateAfter([opened({ grade: 'GM-15', ratingLevels: 4, lastRatingLevel: 3 }), interested]);
  assert.equal(
    rotationDefinition.pendingDecisions(eligible).map((p) => [p.action, p.assigneeRole]),
    [['NominateParticipant', 'home-agency-official']],
  );
});
inbox.run();

const days = suite('rotation: the home agency’s days');

days('a WAPA (Denver) rotation starts "today" at 9 pm Mountain, and its timers fire at Denver midnight', () => {
  const signed: RotationEvent[] = [
    opened({ homeAgency: 'WAPA' }),
    interested,
    {
      type: 'RotationParticipantNominated',
      data: { nominatedBy: 'home-diaz', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } },
      occurredAt: '2026-11-24T18:00:00.000Z',
    },
    {
      type: 'RotationHostMatched',
      data: { matchedBy: 'opm-reyes', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Examiner' },
      occurredAt: '2026-11-25T18:00:00.000Z',
    },
    {
      type: 'RotationAgreementSigned',
      data: { side: 'home', signedBy: 'home-diaz', terms: { reimbursable: false, appraisingAgency: 'host' }, inForce: false },
      occurredAt: '2026-11-26T18:00:00.000Z',
    },
    {
      type: 'RotationAgreementSigned',
      data: { side: 'host', signedBy: 'host-park', terms: { reimbursable: false, appraisingAgency: 'host' }, inForce: true },
      occurredAt: '2026-11-27T18:00:00.000Z',
    },
  ];
  // 2026-12-01T21:00-07:00 is already 2 December in UTC: a start on 1 December is today in Denver, not in the past.
  spec
    .given(signed)
    .when(act({ type: 'StartRotation', startDate: '2026-12-01' }, HOME, '2026-12-01T21:00:00-07:00'))
    .thenEvents((events, after) => {
      assert.equal(events[0]!.data, { startDate: '2026-12-01', endDate: '2027-06-01', midpointDate: '2027-03-02', rotationMonths: 6 });
      assert.equal(nextRotationTimer(after), { kind: 'midpoint-check-in-due', dueAt: '2027-03-02T07:00:00.000Z' });
      assert.equal(nextRotationTimer(after, 'UTC'), { kind: 'midpoint-check-in-due', dueAt: '2027-03-02T00:00:00.000Z' });
    });
  const active = [
    ...signed,
    {
      type: 'RotationStarted',
      data: { startDate: '2026-12-01', endDate: '2027-06-01', midpointDate: '2027-03-02', rotationMonths: 6 },
      occurredAt: '2026-12-02T04:00:00.000Z',
    } as RotationEvent,
    { type: 'RotationMidpointCheckInDue', data: { midpointDate: '2027-03-02' }, occurredAt: '2027-03-02T07:00:00.000Z' } as RotationEvent,
  ];
  // The end date falls after the change to daylight saving: Denver midnight is 06:00Z then.
  assert.equal(nextRotationTimer(spec.stateAfter(active)), { kind: 'end-of-rotation', dueAt: '2027-06-01T06:00:00.000Z' });
  spec
    .given(active)
    .when({ type: 'EndRotationPeriod', at: '2027-06-01T05:00:00.000Z', actor: SYSTEM_ACTOR })
    .thenRefused('rotation.timer.not-yet-due', { kind: 'conflict' });
});
days.run();
