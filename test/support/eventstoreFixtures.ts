import type { ProposedEvent } from '../../domain/eventEnvelope';

/** A valid event context, as a workflow would supply it. */
export const CONTEXT: ProposedEvent['meta'] = {
  actor: { id: 'hr-1', role: 'hr-specialist' },
  occurredAt: '2025-01-06T09:00:00.000Z',
  workflowId: 'qrb-case-1',
  runId: 'run-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  policyVersion: '2025-01',
};

export function proposed(type: string, data: Record<string, unknown> = {}): ProposedEvent {
  return { type, schemaVersion: 1, data, meta: CONTEXT };
}
