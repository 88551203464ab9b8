import * as assert from 'uvu/assert';
import type { Decision, DomainError, DomainErrorKind } from '../../domain/domainError';

/**
 * Decider specifications: given the events a case already has, when a command comes,
 * then these events, or this refusal. The past is given as events, never as commands run
 * through the decider, so a bug in one rule cannot leak into another test's set-up.
 *
 *   const spec = deciderSpecification(probationDefinition);
 *   spec.given([started]).when(certify).then([certified]);
 *   spec.given([]).when(certify).thenRefused('probation.not-started', { kind: 'conflict' });
 *
 * One helper for every process (a ProcessDefinition has all it needs) and for the
 * delegation decider.
 */
export interface Decider<S, C, E> {
  initialState: S;
  decide: (state: S, command: C) => Decision<E>;
  evolve: (state: S, event: E) => S;
}

/** What a refusal must say besides its rule. The field is compared always (absent means the refusal names no field). */
export interface ExpectedRefusal {
  field?: string;
  kind?: DomainErrorKind;
  /** Fragments the message must contain (a string is found as is, a RegExp matched). */
  message?: string | RegExp | readonly (string | RegExp)[];
}

export interface Outcome<S, E> {
  /** The command is accepted with exactly these events, in this order. */
  then(expected: readonly E[]): void;
  /** The command is refused by this rule (and this field, kind and message when given). */
  thenRefused(rule: string, expected?: ExpectedRefusal): void;
  /** The command is accepted; `check` asserts what matters of its events and of the state they lead to. */
  thenEvents(check: (events: E[], after: S) => void): void;
}

export interface DeciderSpecification<S, C, E> {
  given(events: readonly E[]): { when(command: C): Outcome<S, E> };
  /** The state the events fold to, for what is read from the state alone (the next timer, the pending decisions). */
  stateAfter(events: readonly E[]): S;
  /** A case driven one command at a time, as its workflow would (for random runs and example stories). */
  newCase(): CaseRun<S, C, E>;
}

/** Every command a case was sent, the state it met and the decision; accepted events are folded in as they come. */
export interface CaseRun<S, C, E> {
  readonly state: S;
  readonly events: readonly E[];
  /** The state after each accepted command. */
  readonly states: readonly S[];
  readonly decisions: readonly { before: S; command: C; decision: Decision<E> }[];
  /** Decides on the current state; an accepted command's events are folded in. */
  send(command: C): Decision<E>;
  /** As `send`, for a command the story needs accepted: a refusal fails, naming the command and the whole decision. */
  sendAccepted(command: C): E[];
}

const show = (value: unknown): string => JSON.stringify(value);
const fail = (message: string, expects: unknown, actual: unknown): never => {
  throw new assert.Assertion({ message, operator: 'decision', expects, actual });
};
const typeOf = (command: unknown): string => String((command as { type?: unknown }).type ?? 'the command');

export const deciderSpecification = <S, C, E>(decider: Decider<S, C, E>): DeciderSpecification<S, C, E> => {
  const stateAfter = (events: readonly E[]): S => events.reduce(decider.evolve, decider.initialState);

  const when = (given: readonly E[], command: C): Outcome<S, E> => {
    const before = stateAfter(given);
    const decide = () => decider.decide(before, command);
    const context = `given ${given.length} event(s), when ${typeOf(command)}`;
    const accepted = (decision: Decision<E>, expected: E[] | 'events'): E[] =>
      decision.ok
        ? decision.events
        : fail(`${context}: expected ${expected === 'events' ? 'events' : show(expected)}, but it was refused: ${show(decision)}`, expected, decision);
    return {
      then: (expected) => {
        const decision = decide();
        const events = accepted(decision, [...expected]);
        assert.equal(events, expected, `${context}: other events came (- came, + expected); the decision: ${show(decision)}`);
      },
      thenRefused: (rule, expected = {}) => {
        const decision = decide();
        const error: DomainError = decision.ok
          ? fail(`${context}: expected a refusal by ${rule}, but it was accepted: ${show(decision)}`, { rule, ...expected }, decision)
          : decision.error;
        const named = { rule: error.rule, field: error.field, ...(expected.kind === undefined ? {} : { kind: error.kind }) };
        const wanted = { rule, field: expected.field, ...(expected.kind === undefined ? {} : { kind: expected.kind }) };
        assert.equal(named, wanted, `${context}: another refusal came (- came, + expected); the decision: ${show(decision)}`);
        const fragments = expected.message === undefined ? [] : Array.isArray(expected.message) ? expected.message : [expected.message];
        for (const fragment of fragments as (string | RegExp)[]) {
          assert.match(error.message, fragment, `${context}: the refusal's message lacks ${String(fragment)}: ${show(decision)}`);
        }
      },
      thenEvents: (check) => {
        const events = accepted(decide(), 'events');
        check(events, events.reduce(decider.evolve, before));
      },
    };
  };

  const newCase = (): CaseRun<S, C, E> => {
    let state = decider.initialState;
    const events: E[] = [];
    const states: S[] = [];
    const decisions: { before: S; command: C; decision: Decision<E> }[] = [];
    const send = (command: C): Decision<E> => {
      const decision = decider.decide(state, command);
      decisions.push({ before: state, command, decision });
      if (decision.ok) {
        events.push(...decision.events);
        state = decision.events.reduce(decider.evolve, state);
        states.push(state);
      }
      return decision;
    };
    return {
      get state() {
        return state;
      },
      events,
      states,
      decisions,
      send,
      sendAccepted: (command) => {
        const decision = send(command);
        return decision.ok ? decision.events : fail(`${typeOf(command)} was refused: ${show({ command, decision })}`, 'accepted', decision);
      },
    };
  };

  return { given: (events) => ({ when: (command) => when(events, command) }), stateAfter, newCase };
};
