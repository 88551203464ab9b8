import type { ApiUnderTest } from './apiUnderTest';

type InboxItem = { stream: string; action: string };

/** The read model follows the store: waits until the person's inbox shows what `found` looks for, and returns it. */
export const inboxOf = async (api: ApiUnderTest, userId: string, found: (items: InboxItem[]) => boolean): Promise<InboxItem[]> => {
  for (let i = 0; i < 100; i += 1) {
    const items = (await api.call(userId, 'GET', '/inbox')).body.items as InboxItem[];
    if (found(items)) return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${userId}'s inbox never showed it`);
};
