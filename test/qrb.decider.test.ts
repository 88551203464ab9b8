import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Decision, DomainError } from '../domain/domainError';
import { ecqsOf } from '../domain/ecqFrameworks';
import { policyInForceOn } from '../domain/policyVersions';
import { decideQrb, evolveQrb, initialQrbState, replayQrb, type QrbCommand, type QrbEvent, type QrbState } from '../domain/qrb';
import { AT, allRatings, board, conveneCommand, submission, submitCommand, voteCommand } from './support/qrbFixtures';

/** Applies commands in order through decide and evolve; a refusal fails the test. */
const given = (...commands: QrbCommand[]): QrbState =>
  commands.reduce((state, command) => {
    const decision = decideQrb(state, command);
    if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.message}`);
    return decision.events.reduce(evolveQrb, state);
  }, initialQrbState);

const refusal = (decision: Decision<QrbEvent>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
};

const events = (decision: Decision<QrbEvent>): QrbEvent[] => {
  if (!decision.ok) throw new Error(`expected events, got refusal ${decision.error.rule}: ${decision.error.message}`);
  return decision.events;
};

const ECQS_2025 = ecqsOf('ecq-2025');
/** A case under the 2008 policy: submitted 2020-02-03, announcement closed 2020-01-15. */
const OLD_AT = '2020-02-03T10:00:00Z';
const oldSubmission = (overrides: Parameters<typeof submission>[0] = {}) =>
  submission({ ...overrides, position: { ...submission().position, announcementClosedOn: '2020-01-15' } });
const convened = () => given(submitCommand(), conveneCommand());

// --- policy ---------------------------------------------------------------
const policy = suite('policy versions');
policy('picks the latest version in force on a date', () => {
  assert.is(policyInForceOn('2020-06-01').id, 'ses-2008-01-01');
  assert.is(policyInForceOn('2025-05-28').id, 'ses-2008-01-01');
  assert.is(policyInForceOn('2025-05-29').id, 'ses-2025-05-29');
  assert.is(policyInForceOn('2025-10-01T00:00:00Z').id, 'ses-2025-10-01');
});
policy('refuses a date before every version', () => {
  assert.throws(() => policyInForceOn('1999-01-01'), /no policy version is in force on 1999-01-01/);
});
policy.run();

// --- submission -----------------------------------------------------------
const submit = suite('QRB submission');
submit('records the case with the policy and ECQ framework in force', () => {
  const [event] = events(decideQrb(initialQrbState, submitCommand()));
  assert.is(event?.type, 'QrbCaseSubmitted');
  assert.equal(event?.data, { submission: submission(), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' });
  const state = given(submitCommand());
  assert.is(state.status, 'SUBMITTED_TO_OPM');
  assert.equal(state.ecqs, [...ECQS_2025]);
});
submit('a case submitted under the 2008 policy keeps the 2006 ECQs and needs narratives', () => {
  const narratives = Object.fromEntries(ecqsOf('ecq-2006').map((ecq) => [ecq, `How I showed ${ecq}.`]));
  const old = oldSubmission({ evidence: { kind: 'ecq-narratives', narratives } });
  const state = given(submitCommand(old, OLD_AT));
  assert.is(state.policyVersion, 'ses-2008-01-01');
  assert.equal(state.ecqs, [...ecqsOf('ecq-2006')]);
  const error = refusal(decideQrb(initialQrbState, submitCommand(oldSubmission(), OLD_AT)));
  assert.is(error.rule, 'qrb.submit.evidence-for-criterion');
  assert.is(error.field, 'evidence.kind');
  assert.match(error.message, /needs evidence of kind "ecq-narratives"/);
});
submit('narratives must cover every ECQ and only ECQs', () => {
  const narratives = Object.fromEntries(
    ecqsOf('ecq-2006')
      .slice(1)
      .map((ecq) => [ecq, 'text']),
  );
  const missing = refusal(decideQrb(initialQrbState, submitCommand(oldSubmission({ evidence: { kind: 'ecq-narratives', narratives } }), OLD_AT)));
  assert.is(missing.field, 'evidence.narratives.leading-change');
  const extra = refusal(
    decideQrb(
      initialQrbState,
      submitCommand(oldSubmission({ evidence: { kind: 'ecq-narratives', narratives: { ...narratives, 'leading-change': 't', charisma: 't' } } }), OLD_AT),
    ),
  );
  assert.is(extra.rule, 'qrb.submit.unknown-ecq');
  assert.is(extra.field, 'evidence.narratives.charisma');
});
submit('Criterion B needs the CDP certificate and C the justification and plan', () => {
  assert.is(refusal(decideQrb(initialQrbState, submitCommand(submission({ criterion: 'B' })))).field, 'evidence.kind');
  assert.is(refusal(decideQrb(initialQrbState, submitCommand(submission({ criterion: 'C' })))).field, 'evidence.kind');
  const b = submission({
    criterion: 'B',
    evidence: { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' },
  });
  assert.is(given(submitCommand(b)).status, 'SUBMITTED_TO_OPM');
  const c = submission({
    criterion: 'C',
    evidence: { kind: 'criterion-c-justification', justification: 'Unique expertise.', developmentPlan: 'Rotation and coaching.' },
  });
  assert.is(given(submitCommand(c)).status, 'SUBMITTED_TO_OPM');
});
submit('the submitter is an HR specialist acting as themself, never the selecting official', () => {
  const wrongRole = refusal(decideQrb(initialQrbState, { ...submitCommand(), actor: { id: 'hr-ana', role: 'supervisor' } }));
  assert.is(wrongRole.rule, 'qrb.submit.hr-specialist-only');
  const impostor = refusal(decideQrb(initialQrbState, { ...submitCommand(), actor: { id: 'hr-bob', role: 'hr-specialist' } }));
  assert.is(impostor.field, 'submittedBy');
  const same = refusal(decideQrb(initialQrbState, submitCommand(submission({ selectingOfficialId: 'hr-ana' }))));
  assert.is(same.rule, 'qrb.submit.separation-of-duties');
  assert.is(same.field, 'selectingOfficialId');
});
submit('a second submission of the same case is a conflict', () => {
  const error = refusal(decideQrb(given(submitCommand()), submitCommand()));
  assert.is(error.kind, 'conflict');
  assert.is(error.rule, 'qrb.submit.already-submitted');
});
submit.run();

// --- board ----------------------------------------------------------------
const boardRules = suite('QRB board composition');
const withMembers = (change: (members: ReturnType<typeof board>['members']) => void) => {
  const assignment = board();
  change(assignment.members);
  return refusal(decideQrb(given(submitCommand()), conveneCommand(assignment)));
};
boardRules('a valid board is convened', () => {
  const state = convened();
  assert.is(state.status, 'BOARD_CONVENED');
  assert.equal(
    state.board.map((m) => m.id),
    ['m-lee', 'm-patel', 'm-chen'],
  );
});
boardRules('exactly three members', () => {
  const error = withMembers((m) => m.pop());
  assert.is(error.rule, 'qrb.board.size');
  assert.match(error.message, /exactly 3 members, not 2/);
});
boardRules('more than half career SES', () => {
  const error = withMembers((m) => {
    m[1]!.appointment = 'noncareer';
  });
  assert.is(error.rule, 'qrb.board.career-majority');
  assert.match(error.message, /1 of 3 are/);
});
boardRules('no member from the candidate agency', () => {
  const error = withMembers((m) => {
    m[2]!.agency = 'DOE';
  });
  assert.is(error.rule, 'qrb.board.own-agency');
  assert.is(error.field, 'members.2.agency');
});
boardRules('members from different agencies', () => {
  const error = withMembers((m) => {
    m[2]!.agency = 'HHS';
  });
  assert.is(error.rule, 'qrb.board.distinct-agencies');
});
boardRules('never the submitter or the selecting official, nor one person twice', () => {
  assert.is(withMembers((m) => void (m[0]!.id = 'hr-ana')).rule, 'qrb.board.separation-of-duties');
  assert.is(withMembers((m) => void (m[1]!.id = 'sel-omar')).field, 'members.1.id');
  assert.is(withMembers((m) => void (m[1]!.id = 'm-lee')).rule, 'qrb.board.distinct-members');
});
boardRules('only OPM staff, once, after submission', () => {
  const wrongRole = refusal(decideQrb(given(submitCommand()), { ...conveneCommand(), actor: { id: 'opm-kim', role: 'hr-specialist' } }));
  assert.is(wrongRole.rule, 'qrb.board.opm-staff-only');
  assert.is(refusal(decideQrb(convened(), conveneCommand())).kind, 'conflict');
  assert.is(refusal(decideQrb(initialQrbState, conveneCommand())).rule, 'qrb.board.not-awaiting-board');
});
boardRules.run();

// --- votes ----------------------------------------------------------------
const votes = suite('QRB votes and decision');
const meets = allRatings('ecq-2025');
votes('a member rates every ECQ; the case waits for the others', () => {
  const produced = events(decideQrb(convened(), voteCommand('m-lee', meets)));
  assert.equal(
    produced.map((e) => e.type),
    ['QrbVoteCast'],
  );
});
votes('the third vote decides: approved when every ECQ has a majority', () => {
  const state = given(
    submitCommand(),
    conveneCommand(),
    voteCommand('m-lee', meets),
    voteCommand('m-patel', { ...meets, 'driving-efficiency': 'does-not-meet' }),
  );
  const produced = events(decideQrb(state, voteCommand('m-chen', meets)));
  assert.equal(
    produced.map((e) => e.type),
    ['QrbVoteCast', 'QrbCaseApproved'],
  );
  const decided = produced.reduce(evolveQrb, state);
  assert.is(decided.status, 'APPROVED');
  const efficiency = decided.decision?.ecqResults.find((r) => r.ecq === 'driving-efficiency');
  assert.equal(efficiency, { ecq: 'driving-efficiency', meets: 2, doesNotMeet: 1, passed: true });
});
votes('disapproved with the failing ECQs when one lacks a majority', () => {
  const weak = { ...meets, 'merit-and-competence': 'does-not-meet' as const };
  const state = given(submitCommand(), conveneCommand(), voteCommand('m-lee', weak), voteCommand('m-patel', weak), voteCommand('m-chen', meets));
  assert.is(state.status, 'DISAPPROVED');
  assert.equal(state.decision?.failingEcqs, ['merit-and-competence']);
});
votes('refuses a non-member', () => {
  const error = refusal(decideQrb(convened(), voteCommand('m-stranger', meets)));
  assert.is(error.rule, 'qrb.vote.not-a-board-member');
  assert.is(error.field, 'memberId');
});
votes('refuses a second vote by the same member', () => {
  const state = given(submitCommand(), conveneCommand(), voteCommand('m-lee', meets));
  const error = refusal(decideQrb(state, voteCommand('m-lee', meets)));
  assert.is(error.rule, 'qrb.vote.already-voted');
  assert.is(error.kind, 'conflict');
});
votes('refuses an unknown ECQ and a missing one', () => {
  const unknown = refusal(decideQrb(convened(), voteCommand('m-lee', { ...meets, 'leading-change': 'meets' })));
  assert.is(unknown.rule, 'qrb.vote.unknown-ecq');
  assert.is(unknown.field, 'ratings.leading-change');
  const { 'achieving-results': _dropped, ...partial } = meets;
  const missing = refusal(decideQrb(convened(), voteCommand('m-lee', partial)));
  assert.is(missing.rule, 'qrb.vote.rate-every-ecq');
  assert.is(missing.field, 'ratings.achieving-results');
});
votes('refuses any vote after the decision, and before a board', () => {
  const decided = given(submitCommand(), conveneCommand(), voteCommand('m-lee', meets), voteCommand('m-patel', meets), voteCommand('m-chen', meets));
  const late = refusal(decideQrb(decided, voteCommand('m-lee', meets)));
  assert.is(late.rule, 'qrb.vote.case-decided');
  assert.is(late.kind, 'conflict');
  assert.is(refusal(decideQrb(given(submitCommand()), voteCommand('m-lee', meets))).rule, 'qrb.vote.no-board');
});
votes('a member votes only as themself', () => {
  const error = refusal(decideQrb(convened(), { ...voteCommand('m-lee', meets), actor: { id: 'm-patel', role: 'qrb-member' } }));
  assert.is(error.rule, 'qrb.vote.member-votes-for-self');
});
votes.run();

// --- reminders and replay -------------------------------------------------
const reminders = suite('QRB reminders and replay');
reminders('a reminder names exactly the members who have not voted', () => {
  const state = given(submitCommand(), conveneCommand(), voteCommand('m-patel', meets));
  const [event] = events(decideQrb(state, { type: 'RemindQrbVoters', at: AT, actor: { id: 'workflow', role: 'system' } }));
  assert.equal(event?.data, { pendingMemberIds: ['m-lee', 'm-chen'] });
});
reminders('no reminder before a board or after a decision', () => {
  const remind: QrbCommand = { type: 'RemindQrbVoters', at: AT, actor: { id: 'workflow', role: 'system' } };
  assert.is(refusal(decideQrb(given(submitCommand()), remind)).rule, 'qrb.reminder.nothing-pending');
});
reminders('replaying stored events equals folding them live', () => {
  const commands = [submitCommand(), conveneCommand(), voteCommand('m-lee', meets), voteCommand('m-patel', meets), voteCommand('m-chen', meets)];
  const live = given(...commands);
  const stored = commands
    .reduce<{ state: QrbState; events: QrbEvent[] }>(
      (acc, command) => {
        const produced = events(decideQrb(acc.state, command));
        return { state: produced.reduce(evolveQrb, acc.state), events: [...acc.events, ...produced] };
      },
      { state: initialQrbState, events: [] },
    )
    .events.map((e) => ({ type: e.type, schemaVersion: 1, data: e.data, meta: { occurredAt: e.occurredAt } }));
  assert.equal(replayQrb(stored), live);
  assert.throws(() => replayQrb([{ ...stored[0]!, schemaVersion: 2 }]), /no upcaster/);
});
reminders.run();
