import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import { z } from 'zod';
import { streamOf, type ProcessCommand, type ProcessDefinition, type ProcessEvent } from '../domain/processDefinition';
import { ActorSchema } from '../domain/roles';
import { eventSourcedCase } from './eventSourcedCase';
import { processActUpdate, processStatusQuery, type ActArgs, type ProcessInput } from './processMessages';

/**
 * The part every process workflow shares: validate the start, queue the start
 * command before any handler exists (so an early update waits for it), answer
 * `status`, and take `act` updates through the decider. The caller awaits
 * `started`, then runs the process's own timers on `runner`.
 */
export const startProcess = <S, C extends ProcessCommand, E extends ProcessEvent, Start, Action extends { type: string }>(
  definition: ProcessDefinition<S, C, E, Start, Action>,
  input: ProcessInput,
) => {
  const start = definition.startSchema.parse(input.start);
  const runner = eventSourcedCase<S, C, E>({
    stream: streamOf(definition, definition.caseIdOf(start)),
    initialState: definition.initialState,
    decide: definition.decide,
    evolve: definition.evolve,
    eventVersion: definition.eventVersion,
    policyVersionOf: definition.policyVersionOf,
  });
  const at = new Date(Date.now()).toISOString();
  const started = runner.executeOrFail(definition.startCommand(start, at, definition.starterOf(start), input.policyVersion), 'start');

  setHandler(processStatusQuery, () => runner.state);
  const ActArgsSchema = z.object({ actor: ActorSchema, action: definition.actionSchema }) as z.ZodType<ActArgs<Action>>;
  // One `act` update for all processes; for this one its actions are Action.
  const actUpdate = processActUpdate as UpdateDefinition<unknown, [ActArgs<Action>]>;
  runner.handleUpdate(actUpdate, ActArgsSchema, ({ actor, action }, now) => definition.actionCommand(action, now, actor));
  return { runner, started };
};
