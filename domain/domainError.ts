/**
 * A refusal by a decider: which rule, which field, and whether the input was
 * invalid (422) or the case is in a state that does not allow it (409).
 */
export type DomainErrorKind = 'invalid' | 'conflict';

export interface DomainError {
  kind: DomainErrorKind;
  /** Stable rule identifier, e.g. "qrb.vote.not-a-board-member". */
  rule: string;
  /** Dotted path of the offending field, when one field is at fault. */
  field?: string;
  message: string;
}

export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });

export const refuse = (kind: DomainErrorKind, rule: string, message: string, field?: string): Decision<never> => ({
  ok: false,
  error: field === undefined ? { kind, rule, message } : { kind, rule, message, field },
});
