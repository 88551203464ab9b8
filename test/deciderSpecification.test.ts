import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decideDelegation, evolveDelegation, initialDelegationState, type DelegationCommand, type DelegationEvent } from '../domain/delegation';
import { deciderSpecification } from './support/deciderSpecification';

// The specification helper itself: it passes what holds and fails, saying what came, on what does not.
const spec = deciderSpecification({ initialState: initialDelegationState, decide: decideDelegation, evolve: evolveDelegation });

const AT = '2026-11-20T12:00:00.000Z';
const grant: DelegationCommand = {
  type: 'GrantDelegation',
  at: AT,
  actor: { id: 'aa-wong', role: 'appointing-authority' },
  grant: {
    delegationId: 'DEL-2026-0001',
    from: 'aa-wong',
    to: 'aa-deputy',
    role: 'appointing-authority',
    approvals: ['CertifyProbation'],
    validFrom: '2026-11-23',
    validUntil: '2026-12-31',
    reason: 'Leave.',
  },
};
const granted: DelegationEvent = {
  type: 'DelegationGranted',
  data: { grant: { ...grant.grant, agency: null }, grantedBy: 'aa-wong', grantedAs: 'appointing-authority' },
  occurredAt: AT,
};
const selfGrant: DelegationCommand = { ...grant, grant: { ...grant.grant, to: 'aa-wong' } };

/** The assertion `run` fails with; its message, which must name the whole decision. */
const failure = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    assert.instance(error, assert.Assertion);
    return (error as Error).message;
  }
  return assert.unreachable('the specification passed') as never;
};

test('then: exact events pass; other events, fewer or more, fail and show the decision', () => {
  spec.given([]).when(grant).then([granted]);
  const other = failure(() =>
    spec
      .given([])
      .when(grant)
      .then([{ ...granted, occurredAt: '2026-11-21T12:00:00.000Z' }]),
  );
  assert.match(other, 'given 0 event(s), when GrantDelegation: other events came');
  assert.match(other, JSON.stringify({ ok: true, events: [granted] }));
  failure(() => spec.given([]).when(grant).then([]));
  failure(() => spec.given([]).when(grant).then([granted, granted]));
});

test('then and thenEvents: a refusal fails, naming the rule and the whole decision', () => {
  const refused = failure(() => spec.given([]).when(selfGrant).then([granted]));
  assert.match(refused, 'but it was refused');
  assert.match(refused, '"rule":"delegation.grant.same-person"');
  let checked = false;
  assert.match(
    failure(() =>
      spec
        .given([])
        .when(selfGrant)
        .thenEvents(() => (checked = true)),
    ),
    'expected events, but it was refused',
  );
  assert.not.ok(checked, 'the check does not run on a refusal');
});

test('thenRefused: rule and field must both match; kind and message fragments when given', () => {
  spec
    .given([])
    .when(selfGrant)
    .thenRefused('delegation.grant.same-person', { field: 'to', kind: 'invalid', message: ['aa-wong', /themself$/] });
  assert.match(
    failure(() => spec.given([]).when(selfGrant).thenRefused('delegation.grant.dates', { field: 'to' })),
    'another refusal came',
  );
  failure(() => spec.given([]).when(selfGrant).thenRefused('delegation.grant.same-person'));
  failure(() => spec.given([]).when(selfGrant).thenRefused('delegation.grant.same-person', { field: 'to', kind: 'conflict' }));
  assert.match(
    failure(() => spec.given([]).when(selfGrant).thenRefused('delegation.grant.same-person', { field: 'to', message: 'nobody' })),
    "the refusal's message lacks nobody",
  );
  assert.match(
    failure(() => spec.given([]).when(grant).thenRefused('delegation.grant.same-person')),
    'but it was accepted',
  );
});

test('given events are folded before the command; thenEvents sees the events and the state after them', () => {
  spec.given([granted]).when(grant).thenRefused('delegation.grant.already-granted');
  assert.is(spec.stateAfter([granted]).status, 'GRANTED');
  spec
    .given([])
    .when(grant)
    .thenEvents((events, after) => {
      assert.equal(events, [granted]);
      assert.is(after.grantedBy, 'aa-wong');
    });
});

test('newCase: every decision kept, accepted events folded; sendAccepted fails on a refusal', () => {
  const run = spec.newCase();
  assert.not.ok(run.send(selfGrant).ok);
  assert.equal(run.sendAccepted(grant), [granted]);
  assert.equal(run.events, [granted]);
  assert.is(run.state.status, 'GRANTED');
  assert.equal(
    run.decisions.map((d) => [d.command.type, d.before.status, d.decision.ok]),
    [
      ['GrantDelegation', 'NOT_GRANTED', false],
      ['GrantDelegation', 'NOT_GRANTED', true],
    ],
  );
  assert.equal(run.states, [run.state]);
  assert.match(
    failure(() => run.sendAccepted(grant)),
    'GrantDelegation was refused',
  );
});

test.run();
