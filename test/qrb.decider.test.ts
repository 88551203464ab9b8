import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ecqsOf } from '../domain/ecqFrameworks';
import { EARLIEST_POLICY_DATE, policyForStart, policyInForceOn } from '../domain/policyVersions';
import { qrbDefinition, replayQrb, submissionOnRecord, type QrbCommand, type QrbEvent } from '../domain/qrb';
import { deciderSpecification } from './support/deciderSpecification';
import { AT, allRatings, board, conveneCommand, qrbConvened, qrbSubmitted, qrbVoteCast, submission, submitCommand, voteCommand } from './support/qrbFixtures';

const spec = deciderSpecification(qrbDefinition);

const ECQS_2025 = ecqsOf('ecq-2025');
/** A case under the 2008 policy: submitted 2020-02-03, announcement closed 2020-01-15. */
const OLD_AT = '2020-02-03T10:00:00Z';
const oldSubmission = (overrides: Parameters<typeof submission>[0] = {}) =>
  submission({ ...overrides, position: { ...submission().position, announcementClosedOn: '2020-01-15' } });
const meets = allRatings('ecq-2025');
const SUBMITTED = [qrbSubmitted()];
const CONVENED = [qrbSubmitted(), qrbConvened()];
/** Every member found every ECQ met. */
const APPROVED: QrbEvent[] = [
  ...CONVENED,
  qrbVoteCast('m-lee', meets),
  qrbVoteCast('m-patel', meets),
  qrbVoteCast('m-chen', meets),
  { type: 'QrbCaseApproved', data: { ecqResults: ECQS_2025.map((ecq) => ({ ecq, meets: 3, doesNotMeet: 0, passed: true })) }, occurredAt: AT },
];
const remind: QrbCommand = { type: 'RemindQrbVoters', at: AT, actor: { id: 'workflow', role: 'system' } };

// --- policy ---------------------------------------------------------------
const policy = suite('policy versions');
policy('picks the latest version in force on a date', () => {
  assert.is(policyInForceOn('2020-06-01')?.id, 'ses-2008-01-01');
  assert.is(policyInForceOn('2025-05-28')?.id, 'ses-2008-01-01');
  assert.is(policyInForceOn('2025-05-29')?.id, 'ses-2025-05-29');
  assert.is(policyInForceOn('2025-10-01')?.id, 'ses-2025-10-01');
});
policy('has no version before the first: a start then is refused naming the earliest date, never thrown', () => {
  assert.is(policyInForceOn('2007-12-31'), null);
  assert.is(EARLIEST_POLICY_DATE, '2008-01-01');
  assert.equal(policyForStart('qrb.submit', undefined, '1999-01-01'), {
    ok: false,
    refusal: {
      ok: false,
      error: {
        kind: 'invalid',
        rule: 'qrb.submit.before-first-policy',
        field: 'at',
        message: 'no policy version is in force on 1999-01-01; the earliest takes effect 2008-01-01',
      },
    },
  });
});
policy.run();

// --- submission -----------------------------------------------------------
const submit = suite('QRB submission');
submit('records the case with the policy and ECQ framework in force', () => {
  spec
    .given([])
    .when(submitCommand())
    .then([
      {
        type: 'QrbCaseSubmitted',
        data: { submission: submissionOnRecord(submission()), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
        occurredAt: AT,
      },
    ]);
  const state = spec.stateAfter(SUBMITTED);
  assert.is(state.status, 'SUBMITTED_TO_OPM');
  assert.equal(state.ecqs, [...ECQS_2025]);
});
submit('a case submitted under the 2008 policy keeps the 2006 ECQs and needs narratives', () => {
  const narratives = Object.fromEntries(ecqsOf('ecq-2006').map((ecq) => [ecq, `How I showed ${ecq}.`]));
  const old = oldSubmission({ evidence: { kind: 'ecq-narratives', narratives } });
  spec
    .given([])
    .when(submitCommand(old, OLD_AT))
    .thenEvents((events, after) => {
      assert.equal(events, [
        { type: 'QrbCaseSubmitted', data: { submission: old, policyVersion: 'ses-2008-01-01', ecqFramework: 'ecq-2006' }, occurredAt: OLD_AT },
      ]);
      assert.is(after.policyVersion, 'ses-2008-01-01');
      assert.equal(after.ecqs, [...ecqsOf('ecq-2006')]);
    });
  spec
    .given([])
    .when(submitCommand(oldSubmission(), OLD_AT))
    .thenRefused('qrb.submit.evidence-for-criterion', { field: 'evidence.kind', message: /needs evidence of kind "ecq-narratives"/ });
});
submit('narratives must cover every ECQ and only ECQs', () => {
  const narratives = Object.fromEntries(
    ecqsOf('ecq-2006')
      .slice(1)
      .map((ecq) => [ecq, 'text']),
  );
  spec
    .given([])
    .when(submitCommand(oldSubmission({ evidence: { kind: 'ecq-narratives', narratives } }), OLD_AT))
    .thenRefused('qrb.submit.narrative-per-ecq', { field: 'evidence.narratives.leading-change' });
  const extra = { ...narratives, 'leading-change': 't', charisma: 't' };
  spec
    .given([])
    .when(submitCommand(oldSubmission({ evidence: { kind: 'ecq-narratives', narratives: extra } }), OLD_AT))
    .thenRefused('qrb.submit.unknown-ecq', { field: 'evidence.narratives.charisma' });
});
submit('Criterion B needs the CDP certificate and C the justification and plan', () => {
  spec
    .given([])
    .when(submitCommand(submission({ criterion: 'B' })))
    .thenRefused('qrb.submit.evidence-for-criterion', { field: 'evidence.kind' });
  spec
    .given([])
    .when(submitCommand(submission({ criterion: 'C' })))
    .thenRefused('qrb.submit.evidence-for-criterion', { field: 'evidence.kind' });
  const b = submission({
    criterion: 'B',
    evidence: { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' },
  });
  spec
    .given([])
    .when(submitCommand(b))
    .then([qrbSubmitted(b)]);
  const c = submission({
    criterion: 'C',
    evidence: { kind: 'criterion-c-justification', justification: 'Unique expertise.', developmentPlan: 'Rotation and coaching.' },
  });
  spec
    .given([])
    .when(submitCommand(c))
    .then([qrbSubmitted(c)]);
});
submit('the submitter is an HR specialist acting as themself, never the selecting official', () => {
  spec
    .given([])
    .when({ ...submitCommand(), actor: { id: 'hr-ana', role: 'supervisor' } })
    .thenRefused('qrb.submit.hr-specialist-only');
  spec
    .given([])
    .when({ ...submitCommand(), actor: { id: 'hr-bob', role: 'hr-specialist' } })
    .thenRefused('qrb.submit.submitter-is-actor', { field: 'submittedBy' });
  spec
    .given([])
    .when(submitCommand(submission({ selectingOfficialId: 'hr-ana' })))
    .thenRefused('qrb.submit.separation-of-duties', { field: 'selectingOfficialId' });
});
submit('a second submission of the same case is a conflict', () => {
  spec.given(SUBMITTED).when(submitCommand()).thenRefused('qrb.submit.already-submitted', { kind: 'conflict' });
});
submit.run();

// --- board ----------------------------------------------------------------
const boardRules = suite('QRB board composition');
const conveningWith = (change: (members: ReturnType<typeof board>['members']) => void) => {
  const assignment = board();
  change(assignment.members);
  return spec.given(SUBMITTED).when(conveneCommand(assignment));
};
boardRules('a valid board is convened', () => {
  spec
    .given(SUBMITTED)
    .when(conveneCommand())
    .thenEvents((events, after) => {
      assert.equal(events, [qrbConvened()]);
      assert.is(after.status, 'BOARD_CONVENED');
      assert.equal(
        after.board.map((m) => m.id),
        ['m-lee', 'm-patel', 'm-chen'],
      );
    });
});
boardRules('exactly three members', () => {
  conveningWith((m) => m.pop()).thenRefused('qrb.board.size', { field: 'members', message: /exactly 3 members, not 2/ });
});
boardRules('more than half career SES', () => {
  conveningWith((m) => {
    m[1]!.appointment = 'noncareer';
  }).thenRefused('qrb.board.career-majority', { field: 'members', message: /1 of 3 are/ });
});
boardRules('no member from the candidate agency', () => {
  conveningWith((m) => {
    m[2]!.agency = 'DOE';
  }).thenRefused('qrb.board.own-agency', { field: 'members.2.agency' });
});
boardRules('members from different agencies', () => {
  conveningWith((m) => {
    m[2]!.agency = 'HHS';
  }).thenRefused('qrb.board.distinct-agencies', { field: 'members.2.agency' });
});
boardRules('never the submitter or the selecting official, nor one person twice', () => {
  conveningWith((m) => void (m[0]!.id = 'hr-ana')).thenRefused('qrb.board.separation-of-duties', { field: 'members.0.id' });
  conveningWith((m) => void (m[1]!.id = 'sel-omar')).thenRefused('qrb.board.separation-of-duties', { field: 'members.1.id' });
  conveningWith((m) => void (m[1]!.id = 'm-lee')).thenRefused('qrb.board.distinct-members', { field: 'members.1.id' });
});
boardRules('only OPM staff, once, after submission', () => {
  spec
    .given(SUBMITTED)
    .when({ ...conveneCommand(), actor: { id: 'opm-kim', role: 'hr-specialist' } })
    .thenRefused('qrb.board.opm-staff-only');
  spec.given(CONVENED).when(conveneCommand()).thenRefused('qrb.board.not-awaiting-board', { kind: 'conflict' });
  spec.given([]).when(conveneCommand()).thenRefused('qrb.board.not-awaiting-board');
});
boardRules.run();

// --- votes ----------------------------------------------------------------
const votes = suite('QRB votes and decision');
votes('a member rates every ECQ; the case waits for the others', () => {
  spec
    .given(CONVENED)
    .when(voteCommand('m-lee', meets))
    .then([qrbVoteCast('m-lee', meets)]);
});
votes('the third vote decides: approved when every ECQ has a majority', () => {
  const efficiencyNotMet = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
  spec
    .given([...CONVENED, qrbVoteCast('m-lee', meets), qrbVoteCast('m-patel', efficiencyNotMet)])
    .when(voteCommand('m-chen', meets))
    .thenEvents((events, after) => {
      const ecqResults = ECQS_2025.map((ecq) =>
        ecq === 'driving-efficiency' ? { ecq, meets: 2, doesNotMeet: 1, passed: true } : { ecq, meets: 3, doesNotMeet: 0, passed: true },
      );
      assert.equal(events, [qrbVoteCast('m-chen', meets), { type: 'QrbCaseApproved', data: { ecqResults }, occurredAt: AT }]);
      assert.is(after.status, 'APPROVED');
      assert.equal(
        after.decision?.ecqResults.find((r) => r.ecq === 'driving-efficiency'),
        { ecq: 'driving-efficiency', meets: 2, doesNotMeet: 1, passed: true },
      );
    });
});
votes('disapproved with the failing ECQs when one lacks a majority', () => {
  const weak = { ...meets, 'merit-and-competence': 'does-not-meet' as const };
  spec
    .given([...CONVENED, qrbVoteCast('m-lee', weak), qrbVoteCast('m-patel', weak)])
    .when(voteCommand('m-chen', meets))
    .thenEvents((events, after) => {
      assert.equal(
        events.map((e) => e.type),
        ['QrbVoteCast', 'QrbCaseDisapproved'],
      );
      assert.is(after.status, 'DISAPPROVED');
      assert.equal(after.decision?.failingEcqs, ['merit-and-competence']);
    });
});
votes('refuses a non-member', () => {
  spec.given(CONVENED).when(voteCommand('m-stranger', meets)).thenRefused('qrb.vote.not-a-board-member', { field: 'memberId' });
});
votes('refuses a second vote by the same member', () => {
  spec
    .given([...CONVENED, qrbVoteCast('m-lee', meets)])
    .when(voteCommand('m-lee', meets))
    .thenRefused('qrb.vote.already-voted', { field: 'memberId', kind: 'conflict' });
});
votes('refuses an unknown ECQ and a missing one', () => {
  spec
    .given(CONVENED)
    .when(voteCommand('m-lee', { ...meets, 'leading-change': 'meets' }))
    .thenRefused('qrb.vote.unknown-ecq', { field: 'ratings.leading-change' });
  const { 'achieving-results': _dropped, ...partial } = meets;
  spec.given(CONVENED).when(voteCommand('m-lee', partial)).thenRefused('qrb.vote.rate-every-ecq', { field: 'ratings.achieving-results' });
});
votes('refuses any vote after the decision, and before a board', () => {
  spec.given(APPROVED).when(voteCommand('m-lee', meets)).thenRefused('qrb.vote.case-decided', { kind: 'conflict' });
  spec.given(SUBMITTED).when(voteCommand('m-lee', meets)).thenRefused('qrb.vote.no-board');
});
votes('a member votes only as themself', () => {
  spec
    .given(CONVENED)
    .when({ ...voteCommand('m-lee', meets), actor: { id: 'm-patel', role: 'qrb-member' } })
    .thenRefused('qrb.vote.member-votes-for-self', { field: 'memberId' });
});
votes.run();

// --- reminders and replay -------------------------------------------------
const reminders = suite('QRB reminders and replay');
reminders('a reminder names exactly the members who have not voted', () => {
  spec
    .given([...CONVENED, qrbVoteCast('m-patel', meets)])
    .when(remind)
    .then([{ type: 'QrbVoteReminderSent', data: { pendingMemberIds: ['m-lee', 'm-chen'] }, occurredAt: AT }]);
});
reminders('no reminder before a board or after a decision', () => {
  spec.given(SUBMITTED).when(remind).thenRefused('qrb.reminder.nothing-pending', { kind: 'conflict' });
  spec.given(APPROVED).when(remind).thenRefused('qrb.reminder.nothing-pending', { kind: 'conflict' });
});
reminders('replaying stored events equals folding them live', () => {
  const stored = APPROVED.map((e) => ({ type: e.type, schemaVersion: qrbDefinition.eventVersion(e.type), data: e.data, meta: { occurredAt: e.occurredAt } }));
  assert.equal(replayQrb(stored), spec.stateAfter(APPROVED));
  assert.throws(
    () => replayQrb([{ ...stored[0]!, schemaVersion: stored[0]!.schemaVersion + 1 }]),
    /QrbCaseSubmitted schema version \d+ is newer than this build knows/,
  );
});
reminders.run();
