import { defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { ProcessCommand } from '../domain/processDefinition';
import type { Actor } from '../domain/roles';
import type { EventSourcedCase } from './eventSourcedCase';

type ActArgs = { actor: Actor; action: { type: string } };

/** What an older release of a workflow type accepted beyond today's contract, kept so its recorded histories replay. */
export interface LegacyMessages {
  /** The start body from an input of the older shape; undefined when the input has today's `{start}`. */
  startOf: (input: object) => unknown;
  /**
   * Registers the handlers older clients sent; each takes an action of today's `act` through the same runner, made
   * into a command by `commandOf` as `act` makes it (the case's days included).
   */
  register: (
    runner: EventSourcedCase<unknown>,
    commandOf: (action: ActArgs['action'], at: string, actor: Actor) => ProcessCommand,
    actArgs: ZodType<ActArgs>,
  ) => void;
  /** The old loop woke only when its next timer moved: its cases need no patch branch for it. */
  wokeOnlyWhenTimerMoved: boolean;
}

/** Each old QRB update: its name, the action it was, and the field beside the actor that carried the action's payload. */
const QRB_UPDATES = [
  ['conveneQrbBoard', 'ConveneQrbBoard', 'assignment'],
  ['castQrbVote', 'CastQrbVote', 'vote'],
  ['resubmitQrbCase', 'ResubmitQrbCase', 'resubmission'],
  ['withdrawQrbCase', 'WithdrawQrbCase', 'withdrawal'],
  ['recordQrbAppointment', 'RecordQrbAppointment', 'appointment'],
  ['handleAgencyHeadTransition', 'HandleAgencyHeadTransition', 'transition'],
] as const;

/** `{actor, <field>: payload}` as `{actor, action: {type, <field>: payload}}`; anything else fails the act schema and is refused. */
const asAct = (type: string, field: string) => (old: unknown) => {
  const args = (typeof old === 'object' && old !== null ? old : {}) as Record<string, unknown>;
  return { actor: args.actor, action: { type, [field]: args[field] } };
};

/**
 * LEGACY SHIM: QRB as it ran before the process workflow. Its histories hold the input
 * `{submission, policyVersion?}`, one update per decision (conveneQrbBoard, castQrbVote, ...)
 * and the agency-head transition as a SIGNAL (which cannot refuse, so a refused one was
 * acknowledged and lost). No client sends them any more; each maps to the QrbAction the `act`
 * update takes and runs through the same decider. Delete once no such case is open and its
 * histories are retired from test/histories/.
 */
export const qrbLegacy: LegacyMessages = {
  startOf: (input) => (input as { submission?: unknown }).submission,
  register: (runner, commandOf, actArgs) => {
    for (const [name, type, field] of QRB_UPDATES) {
      runner.handleUpdate(defineUpdate<unknown, [ActArgs]>(name), z.preprocess(asAct(type, field), actArgs), ({ actor, action }, at) =>
        commandOf(action, at, actor),
      );
    }
    const transitionArgs = z.preprocess(asAct('HandleAgencyHeadTransition', 'transition'), actArgs);
    setHandler(defineSignal<[unknown]>('agencyHeadTransition'), (args) => {
      const parsed = transitionArgs.safeParse(args);
      if (!parsed.success) return;
      const { actor, action } = parsed.data;
      const causationId = `transition-${(action as { transition?: { action?: string } }).transition?.action}`;
      void runner.execute(commandOf(action, new Date(Date.now()).toISOString(), actor), causationId);
    });
  },
  // Its loop woke when the case's status, round or decision changed: exactly when its next timer moves.
  wokeOnlyWhenTimerMoved: true,
};
