import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decideDelegation, initialDelegationState } from '../domain/delegation';
import type { DomainError } from '../domain/domainError';
import { onboardingDefinition } from '../domain/onboarding';
import { probationDefinition } from '../domain/probation';
import { decideQrb, evolveQrb, initialQrbState, type QrbCommand, type QrbState } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { rotationDefinition } from '../domain/rotation';
import { AT, board, conveneCommand, submission, submitCommand, voteCommand } from './support/qrbFixtures';
import {
  AUDITOR,
  HOME,
  HR,
  PROBATION_START,
  ROTATION_START,
  assessment,
  certification,
  confirm,
  day,
  eventsOf,
  hostMatch,
  more,
  nomination,
  onboardingAct,
  onboardingAssigned,
  probationAct,
  probationAssessed,
  probationStarted,
  refusalOf,
  rotationAct,
  rotationInterested,
  rotationMatched,
  signature,
  terms,
} from './support/processFixtures';

const expectRule = (error: DomainError, rule: string, ...mentions: string[]) => {
  assert.is(error.rule, rule, error.message);
  for (const text of mentions) assert.ok(error.message.includes(text), `"${error.message}" names ${text}`);
};

const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
/** The starter, now claiming an approver's role: the role is what the edge says, the person is the same. */
const starterAs = (role: Actor['role']): Actor => ({ id: HR.id, role });

// --- the auditor -------------------------------------------------------------------
test('an auditor is refused every command of every process with one rule, whatever the state', () => {
  const cases = [
    () => refusalOf(probationDefinition.decide(probationAssessed(), probationAct(certification, AUDITOR))),
    () =>
      refusalOf(probationDefinition.decide(probationDefinition.initialState, probationDefinition.startCommand(PROBATION_START, day('2026-01-05'), AUDITOR))),
    () => refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('first-week'), AUDITOR))),
    () => refusalOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, AUDITOR))),
    () => refusalOf(rotationDefinition.decide(rotationDefinition.initialState, rotationDefinition.startCommand(ROTATION_START, day('2026-11-23'), AUDITOR))),
    () => refusalOf(decideQrb(initialQrbState, { ...submitCommand(), actor: AUDITOR })),
    () => refusalOf(decideDelegation(initialDelegationState, { type: 'RevokeDelegation', at: AT, actor: AUDITOR, reason: 'x' })),
  ];
  for (const refusal of cases) {
    const error = refusal();
    assert.equal(error, { kind: 'invalid', rule: 'auditor.read-only', message: 'an auditor reads and never changes a case' });
  }
});

test('property: whatever the command and the state, an auditor (even with a delegation) changes nothing', () => {
  const probationStates = [probationDefinition.initialState, probationStarted(), probationAssessed()];
  const probationActions = [
    assessment,
    certification,
    { type: 'WithdrawRemoval', reason: 'x' } as const,
    { type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-03-02' } as const,
  ];
  const rotationStates = [rotationDefinition.initialState, rotationInterested(), rotationMatched()];
  const rotationActions = [nomination, hostMatch, signature, { type: 'Withdraw', reason: 'x' } as const];
  const auditor = fc
    .record({ id: fc.constantFrom('aud-ferris', HR.id, 'sup-ortiz'), role: fc.constant('auditor' as const) })
    .chain((a) =>
      fc
        .option(fc.constant(terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['SubmitAssessment', 'CertifyProbation'] })), { nil: undefined })
        .map((delegation) => (delegation ? { ...a, delegation } : a)),
    );
  fc.assert(
    fc.property(
      auditor,
      fc.constantFrom(...probationStates),
      fc.constantFrom(...probationActions),
      fc.constantFrom(...rotationStates),
      fc.constantFrom(...rotationActions),
      (actor, ps, pa, rs, ra) => {
        const refused = [
          probationDefinition.decide(ps, probationAct(pa, actor)),
          rotationDefinition.decide(rs, rotationAct(ra, actor)),
          onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('pre-boarding'), actor)),
        ];
        return refused.every((d) => !d.ok && d.error.rule === 'auditor.read-only');
      },
    ),
  );
});

// --- probation ----------------------------------------------------------------------
test('probation: the starter never assesses, certifies or removes, in any role, under a delegation, or through a delegate', () => {
  expectRule(
    refusalOf(probationDefinition.decide(probationStarted(), probationAct(assessment, starterAs('supervisor')))),
    'probation.separation-of-duties',
    HR.id,
    'hr-specialist',
  );
  expectRule(
    refusalOf(probationDefinition.decide(probationAssessed(), probationAct(certification, starterAs('appointing-authority')))),
    'probation.separation-of-duties',
    HR.id,
  );
  const removal = { type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' } as const;
  expectRule(
    refusalOf(probationDefinition.decide(probationStarted(), probationAct(removal, starterAs('appointing-authority')))),
    'probation.separation-of-duties',
  );
  // The starter as acting official of the real supervisor.
  const starterActing: Actor = { ...HR, delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['SubmitAssessment'] }) };
  expectRule(refusalOf(probationDefinition.decide(probationStarted(), probationAct(assessment, starterActing))), 'probation.separation-of-duties', HR.id);
  // Someone acting under a delegation from the starter.
  const forStarter: Actor = { id: 'sup-lee', role: 'supervisor', delegation: terms({ from: HR.id, role: 'supervisor', approvals: ['SubmitAssessment'] }) };
  expectRule(
    refusalOf(probationDefinition.decide(probationStarted(), probationAct(assessment, forStarter))),
    'probation.separation-of-duties',
    'sup-lee',
    HR.id,
  );
});

test('probation: a start or transfer naming the starter as an approver is refused, naming the field', () => {
  const start = (overrides: Partial<typeof PROBATION_START>) =>
    probationDefinition.startCommand({ ...PROBATION_START, ...overrides }, '2026-01-05T14:00:00.000Z', HR);
  for (const field of ['supervisorId', 'appointingAuthorityId'] as const) {
    const error = refusalOf(probationDefinition.decide(probationDefinition.initialState, start({ [field]: HR.id })));
    expectRule(error, 'probation.separation-of-duties', HR.id);
    assert.is(error.field, field);
  }
  const transfer = probationAct(
    { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-06-01', supervisorId: HR.id, appointingAuthorityId: 'aa-kim' },
    HR,
  );
  assert.is(refusalOf(probationDefinition.decide(probationStarted(), transfer)).field, 'supervisorId');
});

test('probation: an acting appointing authority certifies under a delegation; the decision carries both people', () => {
  const deputy: Actor = {
    id: 'aa-deputy',
    role: 'appointing-authority',
    delegation: terms({ from: 'aa-wong', role: 'appointing-authority', approvals: ['CertifyProbation'] }),
  };
  const command = probationAct(certification, deputy, day('2026-12-01'));
  const [certified] = eventsOf(probationDefinition.decide(probationAssessed(), command));
  assert.is(certified?.type, 'ProbationCertified');
  assert.is((certified?.data as { appointingAuthorityId: string }).appointingAuthorityId, 'aa-deputy', 'the acting official decided');
  assert.is(command.actor.delegation?.from, 'aa-wong', 'the official of record travels with the actor into the event meta');
});

test('probation: a delegation out of dates, not covering the approval, or from someone else is refused and says why', () => {
  const deputy = (over: Partial<ReturnType<typeof terms>>): Actor => ({
    id: 'aa-deputy',
    role: 'appointing-authority',
    delegation: terms({ from: 'aa-wong', role: 'appointing-authority', approvals: ['CertifyProbation'], ...over }),
  });
  const certify = (actor: Actor, at = day('2026-12-01')) => refusalOf(probationDefinition.decide(probationAssessed(), probationAct(certification, actor, at)));
  expectRule(
    certify(deputy({ validUntil: '2026-11-30' })),
    'probation.certify.case-appointing-authority-only',
    'runs from 2026-01-01 to 2026-11-30, not on 2026-12-01',
  );
  expectRule(certify(deputy({ validFrom: '2026-12-02' })), 'probation.certify.case-appointing-authority-only', 'not on 2026-12-01');
  expectRule(certify(deputy({ approvals: ['ProposeRemoval'] })), 'probation.certify.case-appointing-authority-only', 'does not cover CertifyProbation');
  expectRule(certify(deputy({ from: 'aa-kim' })), 'probation.certify.case-appointing-authority-only', 'delegated by aa-kim, not by aa-wong');
  expectRule(certify(deputy({ role: 'supervisor' })), 'probation.certify.case-appointing-authority-only', 'for the supervisor role');
  // Both ends of the period are inside it.
  eventsOf(
    probationDefinition.decide(
      probationAssessed(),
      probationAct(certification, deputy({ validFrom: '2026-12-01', validUntil: '2026-12-01' }), day('2026-12-01')),
    ),
  );
  // Without a delegation the refusal is the one it always was.
  assert.not.ok(certify({ id: 'aa-kim', role: 'appointing-authority' }).message.includes('delegation'));
});

// --- onboarding ------------------------------------------------------------------------
test('onboarding: the starter never confirms a milestone nor becomes the supervisor', () => {
  expectRule(
    refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('pre-boarding'), starterAs('executive-resources-office')))),
    'onboarding.separation-of-duties',
    HR.id,
  );
  const forStarter: Actor = { ...SUP, delegation: terms({ from: HR.id, role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  expectRule(refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('first-week'), forStarter))), 'onboarding.separation-of-duties');
  const assign = onboardingAct(
    { type: 'AssignSupervisorAndMentor', supervisorId: HR.id, mentorId: 'men-park' },
    { id: 'ero-kim', role: 'executive-resources-office' },
    day('2026-02-01'),
  );
  const error = refusalOf(onboardingDefinition.decide(onboardingAssigned(), assign));
  expectRule(error, 'onboarding.separation-of-duties');
  assert.is(error.field, 'supervisorId');
});

test("onboarding: an acting supervisor and an acting executive-resources officer confirm their principals' milestones", () => {
  const acting: Actor = { id: 'sup-lee', role: 'supervisor', delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  const [confirmed] = eventsOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('first-week'), acting)));
  assert.equal(
    [confirmed?.type, (confirmed?.data as { confirmedBy: string }).confirmedBy, (confirmed?.data as { role: string }).role],
    ['OnboardingMilestoneConfirmed', 'sup-lee', 'supervisor'],
  );
  const actingOffice: Actor = {
    id: 'hr-bo',
    role: 'hr-specialist',
    delegation: terms({ from: 'ero-kim', role: 'executive-resources-office', approvals: ['ConfirmMilestone'] }),
  };
  const [preBoarding] = eventsOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('pre-boarding'), actingOffice)));
  assert.is((preBoarding?.data as { role: string }).role, 'executive-resources-office', 'the role decided in, not the acting official’s own');
  const otherSupervisor: Actor = { ...acting, delegation: terms({ from: 'sup-kane', role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  expectRule(
    refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('first-week'), otherSupervisor))),
    'onboarding.confirm.assigned-supervisor-only',
    'delegated by sup-kane',
  );
  const expired: Actor = { ...acting, delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['ConfirmMilestone'], validUntil: '2026-01-14' }) };
  expectRule(
    refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('first-week'), expired))),
    'onboarding.confirm.assigned-supervisor-only',
    'not on 2026-01-15',
  );
  const wrongApproval: Actor = { ...actingOffice, delegation: terms({ from: 'ero-kim', role: 'executive-resources-office', approvals: ['MatchHost'] }) };
  expectRule(
    refusalOf(onboardingDefinition.decide(onboardingAssigned(), onboardingAct(confirm('pre-boarding'), wrongApproval))),
    'onboarding.confirm.owner-only',
    'does not cover ConfirmMilestone',
  );
});

// --- rotation ------------------------------------------------------------------------------
test('rotation: the starter never nominates, matches, signs or concurs, and is never named host supervisor', () => {
  expectRule(
    refusalOf(rotationDefinition.decide(rotationInterested(), rotationAct(nomination, starterAs('home-agency-official')))),
    'rotation.separation-of-duties',
    HR.id,
  );
  const concurring = rotationAct({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: HR.id, concurredOn: '2026-11-23' } }, HOME);
  assert.is(refusalOf(rotationDefinition.decide(rotationInterested(), concurring)).field, 'supervisorConcurrence.supervisorId');
  const nominated = more(rotationDefinition, rotationInterested(), rotationAct(nomination, HOME));
  const naming = refusalOf(
    rotationDefinition.decide(nominated, rotationAct({ ...hostMatch, hostSupervisorId: HR.id }, { id: 'opm-reyes', role: 'opm-rotation-team' })),
  );
  expectRule(naming, 'rotation.separation-of-duties');
  assert.is(naming.field, 'hostSupervisorId');
  expectRule(
    refusalOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, starterAs('host-agency-official')))),
    'rotation.separation-of-duties',
  );
  const forStarter: Actor = {
    id: 'home-diaz',
    role: 'home-agency-official',
    delegation: terms({ from: HR.id, role: 'home-agency-official', approvals: ['SignAgreement'] }),
  };
  expectRule(
    refusalOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, forStarter))),
    'rotation.separation-of-duties',
    'delegation from hr-ana',
  );
});

test('rotation: an acting home-agency official signs for the home side; a delegation that falls short is refused and says why', () => {
  const acting: Actor = {
    id: 'dep-vance',
    role: 'employee',
    delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['SignAgreement'] }),
  };
  const [signed] = eventsOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, acting)));
  assert.equal(
    [signed?.type, (signed?.data as { side: string }).side, (signed?.data as { signedBy: string }).signedBy],
    ['RotationAgreementSigned', 'home', 'dep-vance'],
  );
  const wrongApproval: Actor = { ...acting, delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['NominateParticipant'] }) };
  expectRule(
    refusalOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, wrongApproval))),
    'rotation.agreement.agency-official-only',
    'does not cover SignAgreement',
  );
  const expired: Actor = {
    ...acting,
    delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['SignAgreement'], validUntil: '2026-11-01' }),
  };
  expectRule(
    refusalOf(rotationDefinition.decide(rotationMatched(), rotationAct(signature, expired))),
    'rotation.agreement.agency-official-only',
    'not on 2026-11-24',
  );
});

// --- QRB -------------------------------------------------------------------------------------
test('QRB: the submitter never votes, whatever role they claim; board votes are personal', () => {
  const convened: QrbState = [submitCommand(), conveneCommand()].reduce<QrbState>(
    (s, c: QrbCommand) => eventsOf(decideQrb(s, c)).reduce(evolveQrb, s),
    initialQrbState,
  );
  const submitterVote: QrbCommand = { ...voteCommand(submission().submittedBy, {}), actor: { id: submission().submittedBy, role: 'qrb-member' } };
  expectRule(refusalOf(decideQrb(convened, submitterVote)), 'qrb.separation-of-duties', submission().submittedBy);
  const member = board().members[0]!.id;
  const proxy: QrbCommand = {
    ...voteCommand(member, {}),
    actor: { id: 'm-proxy', role: 'qrb-member', delegation: terms({ from: member, role: 'qrb-member', approvals: ['CastQrbVote'] }) },
  };
  expectRule(refusalOf(decideQrb(convened, proxy)), 'qrb.vote.member-votes-for-self');
});

test.run();
