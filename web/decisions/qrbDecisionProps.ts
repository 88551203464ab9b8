import type { QrbState } from '../../domain/qrb/state';
import { post } from '../api';
import type { FieldErrors } from '../components/fields';

/** What every QRB decision form is given by the case page. */
export interface QrbDecisionProps {
  caseId: string;
  state: QrbState;
  revision: number;
  onDecided: () => void;
  onStale: (revision: number) => Promise<string[]>;
}

/** Posts a decision to its QRB route under the case. */
export const sender = (caseId: string, route: string) => (body: unknown, options: { ifMatch: number; idempotencyKey: string }) =>
  post(`/qrb-cases/${encodeURIComponent(caseId)}/${route}`, body, options);

/**
 * The refusals of one form under its own name ("vote.comment"): two forms on one
 * page both asking for a "reason" keep distinct ids, and each shows only its own.
 */
export const scoped = (prefix: string, errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [`${prefix}.${path}`, message]));

/** A decision form's entries kept per person, case and decision (see useStoredDraft). */
export const draftKey = (person: string, caseId: string, decision: string): string => `ses-decide:${person}:qrb:${caseId}:${decision}`;
