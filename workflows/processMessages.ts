import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import type { Actor } from '../domain/roles';

/**
 * The contract every process workflow but QRB's offers its clients: a start input,
 * a `status` query and one `act` update taking `{actor, action}`, where the action
 * is `{type, ...payload}` as the process's actionSchema describes.
 */
export interface ProcessInput<Start = unknown> {
  start: Start;
  /** Absent: the policy in force on the start date. Set only for what-if runs. */
  policyVersion?: string;
  /**
   * The case continues as new (a fresh history, same workflow id) once its history holds this many
   * events, or sooner when Temporal suggests it. Absent: DEFAULT_HISTORY_LIMIT. Tests lower it.
   */
  historyLimit?: number;
  /** Set only by the workflow when it continues as new: the case so far, which the next run goes on from without a new start event. */
  continued?: { state: unknown; revision: number };
  /** Set only by the workflow when a case that counts UTC days continues as new: the next run counts them too. */
  daysIn?: 'UTC';
}

export interface ActArgs<Action = unknown> extends RevisionPrecondition {
  actor: Actor;
  action: Action;
}

export const processStatusQuery = defineQuery<unknown>('status');
export const processActUpdate = defineUpdate<unknown, [ActArgs]>('act');
