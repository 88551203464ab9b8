import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { actsFor, roleActedIn } from '../domain/actingFor';
import {
  DelegationGrantSchema,
  actorUnderDelegation,
  decideDelegation,
  delegationAsActorTerms,
  delegationEventVersion,
  delegationStreamName,
  evolveDelegation,
  initialDelegationState,
  replayDelegation,
  type DelegationCommand,
  type DelegationEvent,
  type DelegationGrant,
} from '../domain/delegation';
import { proposedEvent, type ProposedEvent } from '../domain/eventEnvelope';
import { policyInForceOn } from '../domain/policyVersions';
import { probationDefinition, probationStreamName, type ProbationEvent } from '../domain/probation';
import type { Actor } from '../domain/roles';
import { verifyStream } from '../eventstore/verifyStream';
import { deciderSpecification } from './support/deciderSpecification';
import { CONTEXT } from './support/eventstoreFixtures';
import { PROBATION_ASSESSED, certification, day, probationAct, terms } from './support/processFixtures';
import { withTempStore } from './support/tempStore';

const spec = deciderSpecification({ initialState: initialDelegationState, decide: decideDelegation, evolve: evolveDelegation });
const probation = deciderSpecification(probationDefinition);

const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const DEPUTY: Actor = { id: 'aa-deputy', role: 'appointing-authority' };
const ADMIN: Actor = { id: 'adm-cole', role: 'admin' };
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const GRANT_AT = day('2026-11-20');
const REVOKE_AT = day('2026-12-01');

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
const revokeCmd = (actor: Actor = AA, at = REVOKE_AT): DelegationCommand => ({ type: 'RevokeDelegation', at, actor, reason: 'Back early.' });
const granted = (overrides: Partial<DelegationGrant> = {}, by: Actor = AA, at = GRANT_AT): DelegationEvent => ({
  type: 'DelegationGranted',
  data: { grant: { agency: null, ...grantBody(overrides) }, grantedBy: by.id, grantedAs: by.role },
  occurredAt: at,
});
const revoked = (by: Actor = AA): DelegationEvent => ({ type: 'DelegationRevoked', data: { revokedBy: by.id, reason: 'Back early.' }, occurredAt: REVOKE_AT });

// --- the delegation decider ------------------------------------------------------------
test('the delegating official grants it for a role they hold; the event records who granted it and as what', () => {
  spec.given([]).when(grantCmd()).then([granted()]);
  const state = spec.stateAfter([granted()]);
  assert.is(state.status, 'GRANTED');
  assert.equal(delegationAsActorTerms(state), {
    delegationId: 'DEL-2026-0001',
    from: AA.id,
    role: 'appointing-authority',
    approvals: ['CertifyProbation', 'ProposeRemoval'],
    validFrom: '2026-11-23',
    validUntil: '2026-12-31',
    agency: null,
  });
  assert.is(delegationStreamName('DEL-2026-0001'), 'delegation-DEL-2026-0001');
});

test('an admin or the executive-resources office may grant for someone else; nobody else, and never an auditor', () => {
  spec
    .given([])
    .when(grantCmd({}, ADMIN))
    .then([granted({}, ADMIN)]);
  spec
    .given([])
    .when(grantCmd({}, ERO))
    .then([granted({}, ERO)]);
  spec
    .given([])
    .when(grantCmd({}, { id: 'hr-ana', role: 'hr-specialist' }))
    .thenRefused('delegation.grant.not-authorised');
  spec
    .given([])
    .when(grantCmd({}, { id: 'aa-kim', role: 'appointing-authority' }))
    .thenRefused('delegation.grant.not-authorised');
  spec
    .given([])
    .when(grantCmd({}, { id: AA.id, role: 'auditor' }))
    .thenRefused('auditor.read-only');
});

test('grant rules: two different people, a role held, no self-grant by the delegate, dates in order, not over, at most the cap', () => {
  spec
    .given([])
    .when(grantCmd({ to: AA.id }))
    .thenRefused('delegation.grant.same-person', { field: 'to' });
  spec
    .given([])
    .when(grantCmd({ role: 'supervisor' }))
    .thenRefused('delegation.grant.role-not-held', { field: 'role' });
  spec
    .given([])
    .when(grantCmd({ to: ADMIN.id }, ADMIN))
    .thenRefused('delegation.separation-of-duties', { field: 'to' });
  spec
    .given([])
    .when(grantCmd({ validFrom: '2026-12-31', validUntil: '2026-12-30' }))
    .thenRefused('delegation.grant.dates', { field: 'validUntil' });
  spec
    .given([])
    .when(grantCmd({ validFrom: '2026-11-01', validUntil: '2026-11-19' }))
    .thenRefused('delegation.grant.already-over', { field: 'validUntil' });
  // 2026-11-23 + 119 days = 2027-03-22: exactly the cap (the policy's delegation.maxDays), both days counted.
  assert.is(policyInForceOn('2026-11-23')?.delegation.maxDays, 120);
  spec
    .given([])
    .when(grantCmd({ validUntil: '2027-03-22' }))
    .then([granted({ validUntil: '2027-03-22' })]);
  spec
    .given([])
    .when(grantCmd({ validUntil: '2027-03-23' }))
    .thenRefused('delegation.grant.too-long', { field: 'validUntil', message: '121' });
  spec
    .given([granted()])
    .when(grantCmd({ to: 'aa-kim' }))
    .thenRefused('delegation.grant.already-granted');
});

test("the delegating agency's days: 'over' and the policy are judged on its date; before the first policy a grant is refused, not thrown", () => {
  // 2026-11-20T03:00Z is still 19 November in Portland (BPA) and already 20 November... nowhere in the US: 22:00 in New York on the 19th.
  const lateEvening = '2026-11-20T03:00:00.000Z';
  spec
    .given([])
    .when(grantCmd({ validFrom: '2026-11-19', validUntil: '2026-11-19', agency: 'BPA' }, AA, lateEvening))
    .then([granted({ validFrom: '2026-11-19', validUntil: '2026-11-19', agency: 'BPA' }, AA, lateEvening)]);
  spec
    .given([])
    .when(grantCmd({ validFrom: '2026-11-19', validUntil: '2026-11-19', agency: 'BPA' }, AA, '2026-11-20T08:00:00.000Z'))
    .thenRefused('delegation.grant.already-over', { field: 'validUntil', message: 'before this grant on 2026-11-20' });
  spec
    .given([])
    .when(grantCmd({ validFrom: '2007-12-01', validUntil: '2007-12-31' }, AA, '2007-12-01T12:00:00.000Z'))
    .thenRefused('delegation.grant.before-first-policy', { field: 'at', message: 'the earliest takes effect 2008-01-01' });
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
  spec.given([]).when(revokeCmd()).thenRefused('delegation.not-granted');
  spec.given([granted()]).when(revokeCmd(DEPUTY)).thenRefused('delegation.revoke.not-authorised');
  spec
    .given([granted()])
    .when(revokeCmd({ id: 'aud-ferris', role: 'auditor' }))
    .thenRefused('auditor.read-only');
  spec
    .given([granted()])
    .when(revokeCmd(ERO))
    .then([revoked(ERO)]);
  spec
    .given([granted()])
    .when(revokeCmd())
    .thenEvents((events, after) => {
      assert.equal(events, [revoked()]);
      assert.equal(after.revocation, { by: AA.id, reason: 'Back early.', at: REVOKE_AT });
      assert.is(delegationAsActorTerms(after), null);
    });
  spec.given([granted(), revoked()]).when(revokeCmd()).thenRefused('delegation.revoked');
  spec.given([granted(), revoked()]).when(grantCmd()).thenRefused('delegation.revoked');
  assert.is(delegationAsActorTerms(initialDelegationState), null);
});

test('actorUnderDelegation: only the named delegate, only while in force', () => {
  const state = spec.stateAfter([granted()]);
  const under = actorUnderDelegation(DEPUTY, state);
  assert.ok(under.ok);
  assert.equal(under.ok && under.actor, { ...DEPUTY, delegation: delegationAsActorTerms(state)! });
  const someoneElse = actorUnderDelegation({ id: 'aa-kim', role: 'appointing-authority' }, state);
  assert.equal(!someoneElse.ok && someoneElse.error.rule, 'delegation.not-the-delegate');
  const revokedOne = actorUnderDelegation(DEPUTY, spec.stateAfter([granted(), revoked()]));
  assert.equal(!revokedOne.ok && [revokedOne.error.rule, revokedOne.error.kind], ['delegation.not-in-force', 'conflict']);
  assert.is(!revokedOne.ok && revokedOne.error.message, `the delegation was revoked on ${REVOKE_AT}`);
});

// --- actsFor ----------------------------------------------------------------------------------
test('actsFor: the person themself in the role, or a delegate covered by role, principal, approval and dates (both inclusive)', () => {
  const delegate: Actor = {
    id: 'dep-vance',
    role: 'employee',
    delegation: terms({ from: AA.id, role: 'appointing-authority', approvals: ['CertifyProbation'], validFrom: '2026-12-01', validUntil: '2026-12-10' }),
  };
  assert.ok(actsFor({ actor: AA, type: 'CertifyProbation', at: day('2026-12-05') }, AA.id, 'appointing-authority'));
  assert.not.ok(
    actsFor({ actor: { ...AA, role: 'supervisor' }, type: 'CertifyProbation', at: day('2026-12-05') }, AA.id, 'appointing-authority'),
    'the right person in the wrong role',
  );
  // A delegation without an agency counts Washington's days: 05:00Z is midnight in New York in December.
  assert.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: '2026-12-01T05:00:00.000Z' }, AA.id, 'appointing-authority'));
  assert.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: '2026-12-11T04:59:59.999Z' }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: '2026-12-01T04:59:59.999Z' }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: '2026-12-11T05:00:00.000Z' }, AA.id, 'appointing-authority'));
  // A case started before agency days counts UTC days (commandDateOf): the same instant is already 11 December there.
  assert.not.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: '2026-12-11T04:59:59.999Z', daysIn: 'UTC' }, AA.id, 'appointing-authority'));
  // The delegating agency's days: BPA counts Portland's (midnight is 08:00Z in December).
  const inPortland: Actor = { ...delegate, delegation: { ...delegate.delegation!, agency: 'BPA' } };
  assert.ok(actsFor({ actor: inPortland, type: 'CertifyProbation', at: '2026-12-11T07:59:59.999Z' }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: inPortland, type: 'CertifyProbation', at: '2026-12-11T08:00:00.000Z' }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: inPortland, type: 'CertifyProbation', at: '2026-12-01T07:59:59.999Z' }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: delegate, type: 'ProposeRemoval', at: day('2026-12-05') }, AA.id, 'appointing-authority'));
  assert.not.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: day('2026-12-05') }, 'aa-kim', 'appointing-authority'));
  assert.not.ok(actsFor({ actor: delegate, type: 'CertifyProbation', at: day('2026-12-05') }, AA.id, 'supervisor'));
  assert.is(roleActedIn({ actor: delegate, type: 'CertifyProbation', at: day('2026-12-05') }, ['appointing-authority', 'supervisor']), 'appointing-authority');
  assert.is(roleActedIn({ actor: delegate, type: 'CertifyProbation', at: day('2026-12-20') }, ['appointing-authority']), null);
  assert.is(
    roleActedIn({ actor: { id: 'x', role: 'supervisor' }, type: 'Anything', at: day('2026-12-20') }, ['supervisor']),
    'supervisor',
    'own role, no delegation needed',
  );
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
    const delegationEnvelope = (event: DelegationEvent) => envelope(event, delegationEventVersion(event.type), AA, stream);
    await store.append(stream, 'no_stream', [granted()].map(delegationEnvelope));

    // The edge: read the delegation's stream, replay it, attach the terms to the acting official.
    const under = actorUnderDelegation(DEPUTY, replayDelegation(await store.readStream(stream)));
    if (!under.ok) throw new Error(under.error.message);
    const command = probationAct(certification, under.actor, day('2026-12-01'));
    const caseStream = probationStreamName('EX-1042-1');
    const certified: ProbationEvent[] = [];
    probation
      .given(PROBATION_ASSESSED)
      .when(command)
      .thenEvents((events) => certified.push(...events));
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
      agency: null,
    });
    assert.equal(
      await verifyStream(store, caseStream),
      { ok: true, stream: caseStream, events: 1, lastHash: stored!.meta.hash },
      'the delegation is inside the hash chain',
    );

    // Revoked: the edge gets no terms, so the deputy has nothing to act under.
    await store.append(stream, 0, [revoked()].map(delegationEnvelope));
    const after = actorUnderDelegation(DEPUTY, replayDelegation(await store.readStream(stream)));
    assert.is(!after.ok && after.error.rule, 'delegation.not-in-force');
    probation
      .given(PROBATION_ASSESSED)
      .when(probationAct(certification, DEPUTY, day('2026-12-02')))
      .thenRefused('probation.certify.case-appointing-authority-only');
  });
});

test.run();
