import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decideDelegation, evolveDelegation, initialDelegationState } from '../domain/delegation';
import { onboardingDefinition, type OnboardingEvent } from '../domain/onboarding';
import { probationDefinition, type ProbationEvent } from '../domain/probation';
import { qrbDefinition, type QrbCommand } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { rotationDefinition, type RotationEvent } from '../domain/rotation';
import { deciderSpecification } from './support/deciderSpecification';
import {
  AUDITOR,
  HOME,
  HR,
  ONBOARDING_ASSIGNED,
  PROBATION_ASSESSED,
  PROBATION_START,
  PROBATION_STARTED,
  ROTATION_INTERESTED,
  ROTATION_MATCHED,
  ROTATION_NOMINATED,
  ROTATION_START,
  assessment,
  certification,
  confirm,
  day,
  hostMatch,
  nomination,
  onboardingAct,
  probationAct,
  rotationAct,
  signature,
  terms,
} from './support/processFixtures';
import { AT, board, qrbConvened, qrbSubmitted, submission, submitCommand, voteCommand } from './support/qrbFixtures';

const probation = deciderSpecification(probationDefinition);
const onboarding = deciderSpecification(onboardingDefinition);
const rotation = deciderSpecification(rotationDefinition);
const qrb = deciderSpecification(qrbDefinition);
const delegation = deciderSpecification({ initialState: initialDelegationState, decide: decideDelegation, evolve: evolveDelegation });

const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
/** The starter, now claiming an approver's role: the role is what the edge says, the person is the same. */
const starterAs = (role: Actor['role']): Actor => ({ id: HR.id, role });

// --- the auditor -------------------------------------------------------------------
/** The one refusal every process gives an auditor, word for word. */
const READ_ONLY = { kind: 'invalid', message: /^an auditor reads and never changes a case$/ } as const;

test('an auditor is refused every command of every process with one rule, whatever the state', () => {
  probation.given(PROBATION_ASSESSED).when(probationAct(certification, AUDITOR)).thenRefused('auditor.read-only', READ_ONLY);
  probation
    .given([])
    .when(probationDefinition.startCommand(PROBATION_START, day('2026-01-05'), AUDITOR))
    .thenRefused('auditor.read-only', READ_ONLY);
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('first-week'), AUDITOR))
    .thenRefused('auditor.read-only', READ_ONLY);
  rotation.given(ROTATION_MATCHED).when(rotationAct(signature, AUDITOR)).thenRefused('auditor.read-only', READ_ONLY);
  rotation
    .given([])
    .when(rotationDefinition.startCommand(ROTATION_START, day('2026-11-23'), AUDITOR))
    .thenRefused('auditor.read-only', READ_ONLY);
  qrb
    .given([])
    .when({ ...submitCommand(), actor: AUDITOR })
    .thenRefused('auditor.read-only', READ_ONLY);
  delegation.given([]).when({ type: 'RevokeDelegation', at: AT, actor: AUDITOR, reason: 'x' }).thenRefused('auditor.read-only', READ_ONLY);
});

test('property: whatever the command and the state, an auditor (even with a delegation) changes nothing', () => {
  const probationHistories: (readonly ProbationEvent[])[] = [[], PROBATION_STARTED, PROBATION_ASSESSED];
  const probationActions = [
    assessment,
    certification,
    { type: 'WithdrawRemoval', reason: 'x' } as const,
    { type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-03-02' } as const,
  ];
  const rotationHistories: (readonly RotationEvent[])[] = [[], ROTATION_INTERESTED, ROTATION_MATCHED];
  const rotationActions = [nomination, hostMatch, signature, { type: 'Withdraw', reason: 'x' } as const];
  const onboardingHistories: (readonly OnboardingEvent[])[] = [ONBOARDING_ASSIGNED];
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
      fc.constantFrom(...probationHistories),
      fc.constantFrom(...probationActions),
      fc.constantFrom(...rotationHistories),
      fc.constantFrom(...rotationActions),
      fc.constantFrom(...onboardingHistories),
      (actor, ph, pa, rh, ra, oh) => {
        probation.given(ph).when(probationAct(pa, actor)).thenRefused('auditor.read-only');
        rotation.given(rh).when(rotationAct(ra, actor)).thenRefused('auditor.read-only');
        onboarding
          .given(oh)
          .when(onboardingAct(confirm('pre-boarding'), actor))
          .thenRefused('auditor.read-only');
      },
    ),
  );
});

// --- probation ----------------------------------------------------------------------
test('probation: the starter never assesses, certifies or removes, in any role, under a delegation, or through a delegate', () => {
  probation
    .given(PROBATION_STARTED)
    .when(probationAct(assessment, starterAs('supervisor')))
    .thenRefused('probation.separation-of-duties', { message: [HR.id, 'hr-specialist'] });
  probation
    .given(PROBATION_ASSESSED)
    .when(probationAct(certification, starterAs('appointing-authority')))
    .thenRefused('probation.separation-of-duties', { message: HR.id });
  const removal = { type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' } as const;
  probation
    .given(PROBATION_STARTED)
    .when(probationAct(removal, starterAs('appointing-authority')))
    .thenRefused('probation.separation-of-duties');
  // The starter as acting official of the real supervisor.
  const starterActing: Actor = { ...HR, delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['SubmitAssessment'] }) };
  probation.given(PROBATION_STARTED).when(probationAct(assessment, starterActing)).thenRefused('probation.separation-of-duties', { message: HR.id });
  // Someone acting under a delegation from the starter.
  const forStarter: Actor = { id: 'sup-lee', role: 'supervisor', delegation: terms({ from: HR.id, role: 'supervisor', approvals: ['SubmitAssessment'] }) };
  probation
    .given(PROBATION_STARTED)
    .when(probationAct(assessment, forStarter))
    .thenRefused('probation.separation-of-duties', { message: ['sup-lee', HR.id] });
});

test('probation: a start or transfer naming the starter as an approver is refused, naming the field', () => {
  const start = (overrides: Partial<typeof PROBATION_START>) =>
    probationDefinition.startCommand({ ...PROBATION_START, ...overrides }, '2026-01-05T14:00:00.000Z', HR);
  for (const field of ['supervisorId', 'appointingAuthorityId'] as const) {
    probation
      .given([])
      .when(start({ [field]: HR.id }))
      .thenRefused('probation.separation-of-duties', { field, message: HR.id });
  }
  const transfer = probationAct(
    { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-06-01', supervisorId: HR.id, appointingAuthorityId: 'aa-kim' },
    HR,
  );
  probation.given(PROBATION_STARTED).when(transfer).thenRefused('probation.separation-of-duties', { field: 'supervisorId' });
});

test('probation: an acting appointing authority certifies under a delegation; the decision carries both people', () => {
  const deputy: Actor = {
    id: 'aa-deputy',
    role: 'appointing-authority',
    delegation: terms({ from: 'aa-wong', role: 'appointing-authority', approvals: ['CertifyProbation'] }),
  };
  const command = probationAct(certification, deputy, day('2026-12-01'));
  // The acting official decided; the official of record travels with the actor into the event meta.
  probation
    .given(PROBATION_ASSESSED)
    .when(command)
    .then([{ type: 'ProbationCertified', data: { appointingAuthorityId: 'aa-deputy', statement: 'Certified.', late: false }, occurredAt: day('2026-12-01') }]);
  assert.is(command.actor.delegation?.from, 'aa-wong');
});

test('probation: a delegation out of dates, not covering the approval, or from someone else is refused and says why', () => {
  const deputy = (over: Partial<ReturnType<typeof terms>>): Actor => ({
    id: 'aa-deputy',
    role: 'appointing-authority',
    delegation: terms({ from: 'aa-wong', role: 'appointing-authority', approvals: ['CertifyProbation'], ...over }),
  });
  const certify = (actor: Actor, at = day('2026-12-01')) => probation.given(PROBATION_ASSESSED).when(probationAct(certification, actor, at));
  const rule = 'probation.certify.case-appointing-authority-only';
  certify(deputy({ validUntil: '2026-11-30' })).thenRefused(rule, { message: 'runs from 2026-01-01 to 2026-11-30, not on 2026-12-01' });
  certify(deputy({ validFrom: '2026-12-02' })).thenRefused(rule, { message: 'not on 2026-12-01' });
  certify(deputy({ approvals: ['ProposeRemoval'] })).thenRefused(rule, { message: 'does not cover CertifyProbation' });
  certify(deputy({ from: 'aa-kim' })).thenRefused(rule, { message: 'delegated by aa-kim, not by aa-wong' });
  certify(deputy({ role: 'supervisor' })).thenRefused(rule, { message: 'for the supervisor role' });
  // Both ends of the period are inside it.
  certify(deputy({ validFrom: '2026-12-01', validUntil: '2026-12-01' })).thenEvents((events) => {
    assert.equal(
      events.map((e) => e.type),
      ['ProbationCertified'],
    );
  });
  // Without a delegation the refusal is the one it always was: its message names no delegation.
  certify({ id: 'aa-kim', role: 'appointing-authority' }).thenRefused(rule, { message: /^(?![\s\S]*delegation)/ });
});

// --- onboarding ------------------------------------------------------------------------
test('onboarding: the starter never confirms a milestone nor becomes the supervisor', () => {
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('pre-boarding'), starterAs('executive-resources-office')))
    .thenRefused('onboarding.separation-of-duties', { message: HR.id });
  const forStarter: Actor = { ...SUP, delegation: terms({ from: HR.id, role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('first-week'), forStarter))
    .thenRefused('onboarding.separation-of-duties');
  const assign = onboardingAct(
    { type: 'AssignSupervisorAndMentor', supervisorId: HR.id, mentorId: 'men-park' },
    { id: 'ero-kim', role: 'executive-resources-office' },
    day('2026-02-01'),
  );
  onboarding.given(ONBOARDING_ASSIGNED).when(assign).thenRefused('onboarding.separation-of-duties', { field: 'supervisorId' });
});

test("onboarding: an acting supervisor and an acting executive-resources officer confirm their principals' milestones", () => {
  const acting: Actor = { id: 'sup-lee', role: 'supervisor', delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('first-week'), acting))
    .thenEvents(([confirmed]) => {
      assert.equal(
        [confirmed?.type, (confirmed?.data as { confirmedBy: string }).confirmedBy, (confirmed?.data as { role: string }).role],
        ['OnboardingMilestoneConfirmed', 'sup-lee', 'supervisor'],
      );
    });
  const actingOffice: Actor = {
    id: 'hr-bo',
    role: 'hr-specialist',
    delegation: terms({ from: 'ero-kim', role: 'executive-resources-office', approvals: ['ConfirmMilestone'] }),
  };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('pre-boarding'), actingOffice))
    .thenEvents(([preBoarding]) => {
      assert.is((preBoarding?.data as { role: string }).role, 'executive-resources-office', 'the role decided in, not the acting official’s own');
    });
  const otherSupervisor: Actor = { ...acting, delegation: terms({ from: 'sup-kane', role: 'supervisor', approvals: ['ConfirmMilestone'] }) };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('first-week'), otherSupervisor))
    .thenRefused('onboarding.confirm.assigned-supervisor-only', { field: 'milestoneId', message: 'delegated by sup-kane' });
  const expired: Actor = { ...acting, delegation: terms({ from: 'sup-ortiz', role: 'supervisor', approvals: ['ConfirmMilestone'], validUntil: '2026-01-14' }) };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('first-week'), expired))
    .thenRefused('onboarding.confirm.assigned-supervisor-only', { field: 'milestoneId', message: 'not on 2026-01-15' });
  const wrongApproval: Actor = { ...actingOffice, delegation: terms({ from: 'ero-kim', role: 'executive-resources-office', approvals: ['MatchHost'] }) };
  onboarding
    .given(ONBOARDING_ASSIGNED)
    .when(onboardingAct(confirm('pre-boarding'), wrongApproval))
    .thenRefused('onboarding.confirm.owner-only', { field: 'milestoneId', message: 'does not cover ConfirmMilestone' });
});

// --- rotation ------------------------------------------------------------------------------
test('rotation: the starter never nominates, matches, signs or concurs, and is never named host supervisor', () => {
  rotation
    .given(ROTATION_INTERESTED)
    .when(rotationAct(nomination, starterAs('home-agency-official')))
    .thenRefused('rotation.separation-of-duties', { message: HR.id });
  const concurring = rotationAct({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: HR.id, concurredOn: '2026-11-23' } }, HOME);
  rotation.given(ROTATION_INTERESTED).when(concurring).thenRefused('rotation.separation-of-duties', { field: 'supervisorConcurrence.supervisorId' });
  rotation
    .given(ROTATION_NOMINATED)
    .when(rotationAct({ ...hostMatch, hostSupervisorId: HR.id }, { id: 'opm-reyes', role: 'opm-rotation-team' }))
    .thenRefused('rotation.separation-of-duties', { field: 'hostSupervisorId' });
  rotation
    .given(ROTATION_MATCHED)
    .when(rotationAct(signature, starterAs('host-agency-official')))
    .thenRefused('rotation.separation-of-duties');
  const forStarter: Actor = {
    id: 'home-diaz',
    role: 'home-agency-official',
    delegation: terms({ from: HR.id, role: 'home-agency-official', approvals: ['SignAgreement'] }),
  };
  rotation.given(ROTATION_MATCHED).when(rotationAct(signature, forStarter)).thenRefused('rotation.separation-of-duties', { message: 'delegation from hr-ana' });
});

test('rotation: an acting home-agency official signs for the home side; a delegation that falls short is refused and says why', () => {
  const acting: Actor = {
    id: 'dep-vance',
    role: 'employee',
    delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['SignAgreement'] }),
  };
  rotation
    .given(ROTATION_MATCHED)
    .when(rotationAct(signature, acting))
    .then([
      {
        type: 'RotationAgreementSigned',
        data: { side: 'home', signedBy: 'dep-vance', terms: { reimbursable: false, appraisingAgency: 'host' }, inForce: false },
        occurredAt: day('2026-11-24'),
      },
    ]);
  const wrongApproval: Actor = { ...acting, delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['NominateParticipant'] }) };
  rotation
    .given(ROTATION_MATCHED)
    .when(rotationAct(signature, wrongApproval))
    .thenRefused('rotation.agreement.agency-official-only', { message: 'does not cover SignAgreement' });
  const expired: Actor = {
    ...acting,
    delegation: terms({ from: 'home-diaz', role: 'home-agency-official', approvals: ['SignAgreement'], validUntil: '2026-11-01' }),
  };
  rotation
    .given(ROTATION_MATCHED)
    .when(rotationAct(signature, expired))
    .thenRefused('rotation.agreement.agency-official-only', { message: 'not on 2026-11-24' });
});

// --- QRB -------------------------------------------------------------------------------------
test('QRB: the submitter never votes, whatever role they claim; board votes are personal', () => {
  const convened = [qrbSubmitted(), qrbConvened()];
  const submitterVote: QrbCommand = { ...voteCommand(submission().submittedBy, {}), actor: { id: submission().submittedBy, role: 'qrb-member' } };
  qrb.given(convened).when(submitterVote).thenRefused('qrb.separation-of-duties', { message: submission().submittedBy });
  const member = board().members[0]!.id;
  const proxy: QrbCommand = {
    ...voteCommand(member, {}),
    actor: { id: 'm-proxy', role: 'qrb-member', delegation: terms({ from: member, role: 'qrb-member', approvals: ['CastQrbVote'] }) },
  };
  qrb.given(convened).when(proxy).thenRefused('qrb.vote.member-votes-for-self', { field: 'memberId' });
});

test.run();
