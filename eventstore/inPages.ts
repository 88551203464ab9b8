import type { RecordedEvent } from '../domain/eventEnvelope';
import type { StreamAllOptions } from './eventStore';

const DEFAULT_PAGE_SIZE = 1000;

/** One page of the global order: at most `maxCount` events after `after` (exclusive; undefined means from the start). */
export type ReadPage = (after: string | undefined, maxCount: number) => Promise<RecordedEvent[]> | RecordedEvent[];

/**
 * streamAll for any adapter: keyset paging on the global position, so each page is a short read
 * that never holds up writers, and memory stays bounded by one page however large the store is.
 */
export async function* inPages(readPage: ReadPage, options: StreamAllOptions): AsyncGenerator<RecordedEvent> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new TypeError(`page size ${pageSize} is not a positive integer`);
  let after = options.after;
  for (;;) {
    const page = await readPage(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}
