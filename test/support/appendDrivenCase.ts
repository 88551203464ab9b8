import type { ProcessCommand, ProcessEvent, ProcessTimer } from '../../domain/processDefinition';
import type { EventStore } from '../../eventstore/eventStore';
import { driveCase, type DrivenProcess } from './recordedCase';

/**
 * Drives a case through its decider and timers (driveCase) and appends to the store
 * the events it does not hold yet: call it again with more commands to continue the
 * case. Returns the case's state and how many events were appended.
 */
export const appendDrivenCase = async <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  store: EventStore,
  process: DrivenProcess<S, C, E, T>,
  stream: string,
  commands: readonly C[],
): Promise<{ state: S; appended: number }> => {
  const { events, state } = driveCase(process, stream, commands);
  const held = (await store.readStream(stream)).length;
  const fresh = events.slice(held);
  if (fresh.length > 0) await store.append(stream, held === 0 ? 'no_stream' : held - 1, fresh);
  return { state, appended: fresh.length };
};
