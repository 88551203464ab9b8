import type { RecordedEvent } from '../domain/eventEnvelope';
import type { EventStore, Subscription } from '../eventstore/eventStore';

/**
 * A projection's live follow of the store: every event after its checkpoint, then
 * each new one, until closed. The handle is kept in `open` while it runs, so the
 * projection closes whatever still follows when it closes itself.
 */
export const followStore = (
  store: EventStore,
  checkpoint: string | null,
  apply: (event: RecordedEvent) => void,
  open: Set<Subscription>,
  onError?: (error: Error) => void,
): Subscription => {
  const subscription = store.subscribeToAll({ ...(checkpoint === null ? {} : { after: checkpoint }), onEvent: apply, ...(onError ? { onError } : {}) });
  const handle: Subscription = {
    close: async () => {
      open.delete(handle);
      await subscription.close();
    },
  };
  open.add(handle);
  return handle;
};
