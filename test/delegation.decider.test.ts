import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { actsFor, roleActedIn } from '../domain/actingFor';
import {
  DELEGATION_EVENT_SCHEMA_VERSION,
  DelegationGrantSchema,
  MAX_DELEGATION_DAYS,
  actorUnderDelegation,
  decideDelegation,
  delegationAsActorTerms,
  delegationStreamName,
  evolveDelegation,
  initialDelegationState,
  replayDelegation,
  type DelegationCommand,
  type DelegationGrant,
  type DelegationState,
} from '../domain/delegation';
import type { DomainError } from '../domain/domainError';
import { proposedEvent, type ProposedEvent } from '../domain/eventEnvelope';
import { probationDefinition, probationStreamName } from '../domain/probation';
import type { Actor } from '../domain/roles';
import { verifyStream } from '../eventstore/verifyStream';
import { CONTEXT } from './support/eventstoreFixtures';
import { certification, day, eventsOf, probationAct, probationAssessed, refusalOf, terms } from './support/processFixtures';
import { withTempStore } from './support/tempStore';

const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const DEPUTY: Actor = { id: 'aa-deputy', role: 'appointing-authority' };
const ADMIN: Actor = { id: 'adm-cole', role: 'admin' };
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const GRANT_AT = day('2026-11-20');

const grantBody = (overrides: Partial<DelegationGrant> = {}): DelegationGrant => ({
  delegationId: 'DEL-2026-0001',
  from: AA.id,
  to: DEPUTY.id,
  role: 'appointing-authority',
  approvals: ['CertifyProbation', 'ProposeRemoval'],
  validFrom: '2026-11-23',
  validUntil: '2026-12-31',
  reason: 'Annual leave over the holidays.',
  ...overrides,
});
const grantCmd = (overrides: Partial<DelegationGrant> = {}, actor: Actor = AA, at = GRANT_AT): DelegationCommand => ({
  type: 'GrantDelegation',
  at,
  actor,
  grant: grantBody(overrides),
});
const revokeCmd = (actor: Actor = AA, at = day('2026-12-01')): DelegationCommand => ({ type: 'RevokeDelegation', at, actor, reason: 'Back early.' });

const given = (...commands: DelegationCommand[]): DelegationState =>
  commands.reduce((state, command) => eventsOf(decideDelegation(state, command)).reduce(evolveDelegation, state), initialDelegationState);
const expectRefusal = (state: DelegationState, command: DelegationCommand, rule: string, field?: string): DomainError => {
  const error = refusalOf(decideDelegation(state, command));
  assert.is(error.rule, rule, error.message);
  assert.is(error.field, field, `field of ${rule}`);
  return error;
};

// --- the delegation decider ------------------------------------------------------------
test('the delegating official grants it for a role they hold; the event records who granted it and as what', () => {
  const [granted] = eventsOf(decideDelegation(initialDelegationState, grantCmd()));
  assert.equal(granted, { type: 'DelegationGranted', data: { grant: grantBody(), grantedBy: AA.id, grantedAs: 'appointing-authority' }, occurredAt: GRANT_AT });
  const state = given(grantCmd());
  assert.is(state.status, 'GRANTED');
  assert.equal(delegationAsActorTerms(state), {
    delegationId: 'DEL-2026-0001',
    from: AA.id,
    role: 'appointing-authority',
    approvals: ['CertifyProbation', 'ProposeRemoval'],
    validFrom: '2026-11-23',
    validUntil: '2026-12-31',
  });
  assert.is(delegationStreamName('DEL-2026-0001'), 'delegation-DEL-2026-0001');
});

test('an admin or the executive-resources office may grant for someone else; nobody else, and never an auditor', () => {
  assert.ok(decideDelegation(initialDelegationState, grantCmd({}, ADMIN)).ok);
  assert.ok(decideDelegation(initialDelegationState, grantCmd({}, ERO)).ok);
  expectRefusal(initialDelegationState, grantCmd({}, { id: 'hr-ana', role: 'hr-specialist' }), 'delegation.grant.not-authorised');
  expectRefusal(initialDelegationState, grantCmd({}, { id: 'aa-kim', role: 'appointing-authority' }), 'delegation.grant.not-authorised');
  expectRefusal(initialDelegationState, grantCmd({}, { id: AA.id, role: 'auditor' }), 'auditor.read-only');
});

test('grant rules: two different people, a role held, no self-grant by the delegate, dates in order, not over, at most the cap', () => {
  expectRefusal(initialDelegationState, grantCmd({ to: AA.id }), 'delegation.grant.same-person', 'to');
  expectRefusal(initialDelegationState, grantCmd({ role: 'supervisor' }), 'delegation.grant.role-not-held', 'role');
  expectRefusal(initialDelegationState, grantCmd({ to: ADMIN.id }, ADMIN), 'delegation.separation-of-duties', 'to');
  expectRefusal(initialDelegationState, grantCmd({ validFrom: '2026-12-31', validUntil: '2026-12-30' }), 'delegation.grant.dates', 'validUntil');
  expectRefusal(initialDelegationState, grantCmd({ validFrom: '2026-11-01', validUntil: '2026-11-19' }), 'delegation.grant.already-over', 'validUntil');
  // 2026-11-23 + 119 days = 2027-03-22: exactly the cap, both days counted.
  assert.ok(decideDelegation(initialDelegationState, grantCmd({ validUntil: '2027-03-22' })).ok, `${MAX_DELEGATION_DAYS} days`);
  const tooLong = expectRefusal(initialDelegationState, grantCmd({ validUntil: '2027-03-23' }), 'delegation.grant.too-long', 'validUntil');
  assert.match(tooLong.message, '121');
  expectRefusal(given(grantCmd()), grantCmd({ to: 'aa-kim' }), 'delegation.grant.already-granted');
});

test('the grant body is validated by zod: approvals a delegation can carry, roles that can be delegated', () => {
  const fieldsOf = (body: unknown) => {
    const parsed = DelegationGrantSchema.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  };
  assert.equal(fieldsOf(grantBody()), []);
  assert.equal(fieldsOf({ ...grantBody(), approvals: [] }), ['approvals']);
  assert.equal(fieldsOf({ ...grantBody(), approvals: ['CastQrbVote'] }), ['approvals.0'], 'QRB votes stay personal');
  assert.equal(fieldsOf({ ...grantBody(), role: 'auditor' }), ['role']);
  assert.equal(fieldsOf({ ...grantBody(), validUntil: '2026-13-01' }), ['validUntil']);
});

test('revocation: by the same people who may grant; nothing after it; the terms are gone', () => {
  expectRefusal(initialDelegationState, revokeCmd(), 'delegation.not-granted');
  expectRefusal(given(grantCmd()), revokeCmd(DEPUTY), 'delegation.revoke.not-authorised');
  expectRefusal(given(grantCmd()), revokeCmd({ id: 'aud-ferris', role: 'auditor' }), 'auditor.read-only');
  assert.ok(decideDelegation(given(grantCmd()), revokeCmd(ERO)).ok);
  const revoked = given(grantCmd(), revokeCmd());
  assert.equal(revoked.revocation, { by: AA.id, reason: 'Back early.', at: day('2026-12-01') });
  assert.is(delegationAsActorTerms(revoked), null);
  expectRefusal(revoked, revokeCmd(), 'delegation.revoked');
  expectRefusal(revoked, grantCmd(), 'delegation.revoked');
  assert.is(delegationAsActorTerms(initialDelegationState), null);
});

test('actorUnderDelegation: only the named delegate, only while in force', () => {
  const state = given(grantCmd());
  const under = actorUnderDelegation(DEPUTY, state);
  assert.ok(under.ok);
  assert.equal(under.ok && under.actor, { ...DEPUTY, delegation: delegationAsActorTerms(state)! });
  const someoneElse = actorUnderDelegation({ id: 'aa-kim', role: 'appointing-authority' }, state);
  assert.equal(!someoneElse.ok && someoneElse.error.rule, 'delegation.not-the-delegate');
  const revoked = actorUnderDelegation(DEPUTY, given(grantCmd(), revokeCmd()));
  assert.equal(!revoked.ok && [revoked.error.rule, revoked.error.kind], ['delegation.not-in-force', 'conflict']);
  assert.is(!revoked.ok && revoked.error.message, `the delegation was revoked on ${day('2026-12-01')}`);
});

// --- actsFor ----------------------------------------------------------------------------------
test('actsFor: the person themself in the role, or a delegate covered by role, principal, approval and dates (both inclusive)', () => {
  const delegate: Actor = {
    id: 'dep-vance',
    role: 'employee',
    delegation: terms({ from: AA.id, role: 'appointing-authority', approvals: ['CertifyProbation'], validFrom: '2026-12-01', validUntil: '2026-12-10' }),
  };
  assert.ok(actsFor(AA, AA.id, 'appointing-authority', 'CertifyProbation', day('2026-12-05')));
  assert.not.ok(
    actsFor({ ...AA, role: 'supervisor' }, AA.id, 'appointing-authority', 'CertifyProbation', day('2026-12-05')),
    'the right person in the wrong role',
  );
  assert.ok(actsFor(delegate, AA.id, 'appointing-authority', 'CertifyProbation', '2026-12-01T00:00:00.000Z'));
  assert.ok(actsFor(delegate, AA.id, 'appointing-authority', 'CertifyProbation', '2026-12-10T23:59:59.999Z'));
  assert.not.ok(actsFor(delegate, AA.id, 'appointing-authority', 'CertifyProbation', '2026-11-30T23:59:59.999Z'));
  assert.not.ok(actsFor(delegate, AA.id, 'appointing-authority', 'CertifyProbation', '2026-12-11T00:00:00.000Z'));
  assert.not.ok(actsFor(delegate, AA.id, 'appointing-authority', 'ProposeRemoval', day('2026-12-05')));
  assert.not.ok(actsFor(delegate, 'aa-kim', 'appointing-authority', 'CertifyProbation', day('2026-12-05')));
  assert.not.ok(actsFor(delegate, AA.id, 'supervisor', 'CertifyProbation', day('2026-12-05')));
  assert.is(roleActedIn(delegate, ['appointing-authority', 'supervisor'], 'CertifyProbation', day('2026-12-05')), 'appointing-authority');
  assert.is(roleActedIn(delegate, ['appointing-authority'], 'CertifyProbation', day('2026-12-20')), null);
  assert.is(roleActedIn({ id: 'x', role: 'supervisor' }, ['supervisor'], 'Anything', day('2026-12-20')), 'supervisor', 'own role, no delegation needed');
});

// --- end to end on the real store ---------------------------------------------------------------
const envelope = (
  event: { type: string; data: Record<string, unknown>; occurredAt: string },
  schemaVersion: number,
  actor: Actor,
  workflowId: string,
): ProposedEvent => proposedEvent(event, schemaVersion, { ...CONTEXT, actor, workflowId, policyVersion: 'ses-2025-10-01' });

test('a grant on its stream, read back and replayed, lets the deputy certify; the stored certification names both people', async () => {
  await withTempStore(async (store) => {
    const stream = delegationStreamName('DEL-2026-0001');
    const grant = grantCmd();
    await store.append(
      stream,
      'no_stream',
      eventsOf(decideDelegation(initialDelegationState, grant)).map((e) => envelope(e, DELEGATION_EVENT_SCHEMA_VERSION, grant.actor, stream)),
    );

    // The edge: read the delegation's stream, replay it, attach the terms to the acting official.
    const under = actorUnderDelegation(DEPUTY, replayDelegation(await store.readStream(stream)));
    if (!under.ok) throw new Error(under.error.message);
    const command = probationAct(certification, under.actor, day('2026-12-01'));
    const caseStream = probationStreamName('EX-1042-1');
    const certified = eventsOf(probationDefinition.decide(probationAssessed(), command));
    await store.append(
      caseStream,
      'any',
      certified.map((e) => envelope(e, probationDefinition.eventVersion(e.type), command.actor, caseStream)),
    );

    const [stored] = await store.readStream(caseStream);
    assert.is(stored?.type, 'ProbationCertified');
    assert.is(stored?.data.appointingAuthorityId, DEPUTY.id, 'the acting official decided');
    assert.is(stored?.meta.actor.id, DEPUTY.id);
    assert.equal(stored?.meta.actor.delegation, {
      delegationId: 'DEL-2026-0001',
      from: AA.id,
      role: 'appointing-authority',
      approvals: ['CertifyProbation', 'ProposeRemoval'],
      validFrom: '2026-11-23',
      validUntil: '2026-12-31',
    });
    assert.equal(
      await verifyStream(store, caseStream),
      { ok: true, stream: caseStream, events: 1, lastHash: stored!.meta.hash },
      'the delegation is inside the hash chain',
    );

    // Revoked: the edge gets no terms, so the deputy has nothing to act under.
    const revoke = revokeCmd();
    const state = replayDelegation(await store.readStream(stream));
    await store.append(
      stream,
      0,
      eventsOf(decideDelegation(state, revoke)).map((e) => envelope(e, DELEGATION_EVENT_SCHEMA_VERSION, revoke.actor, stream)),
    );
    const after = actorUnderDelegation(DEPUTY, replayDelegation(await store.readStream(stream)));
    assert.is(!after.ok && after.error.rule, 'delegation.not-in-force');
    assert.is(
      refusalOf(probationDefinition.decide(probationAssessed(), probationAct(certification, DEPUTY, day('2026-12-02')))).rule,
      'probation.certify.case-appointing-authority-only',
    );
  });
});

test.run();
