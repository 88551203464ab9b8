import { useState } from 'preact/hooks';
import type { Page } from '../../client/paging';
import { get } from '../api';
import { ProblemAlert } from './feedback';
import { problemOf, useLoad, type Loaded } from './useLoad';

export interface PagedList<T, Head = object> {
  loaded: Loaded<T[]>;
  /** The first page's fields beside the items (e.g. the instant the list was judged at). */
  head: Head | null;
  /** Another page follows the ones shown. */
  more: boolean;
  /** The next page, added below the ones shown. */
  showMore: () => Promise<void>;
  /** While the next page loads, and a failure to load it. */
  moreState: { loading: boolean; problem: ReturnType<typeof problemOf> | null };
}

/** A list the API answers a page at a time (`{items, next}`): the first page, then each next one on request. */
export const usePagedList = <T, Head = object>(path: string, options: { purpose?: string } = {}, key: readonly unknown[] = [path]): PagedList<T, Head> => {
  const [pages, setPages] = useState<{ items: T[]; next: string | null } | null>(null);
  const [head, setHead] = useState<Head | null>(null);
  const [moreState, setMoreState] = useState<PagedList<T>['moreState']>({ loading: false, problem: null });
  const [first] = useLoad(
    () =>
      get<Page<T> & Head>(path, options).then(({ body }) => {
        setPages(body);
        setHead(body);
        return body.items;
      }),
    key,
  );
  const showMore = async () => {
    if (!pages?.next) return;
    setMoreState({ loading: true, problem: null });
    try {
      const { body } = await get<Page<T>>(`${path}${path.includes('?') ? '&' : '?'}after=${encodeURIComponent(pages.next)}`, options);
      setPages({ items: [...pages.items, ...body.items], next: body.next });
      setMoreState({ loading: false, problem: null });
    } catch (error) {
      setMoreState({ loading: false, problem: problemOf(error) });
    }
  };
  const loaded: Loaded<T[]> = first.state === 'ready' && pages ? { state: 'ready', value: pages.items } : first;
  return { loaded, head, more: first.state === 'ready' && pages?.next != null, showMore, moreState };
};

/** Below a paged list: the button for the next page while there is one, and why it failed. */
export const ShowMore = ({ list, what }: { list: PagedList<unknown, unknown>; what: string }) => (
  <>
    {list.more && (
      <button type="button" class="usa-button usa-button--outline margin-top-1" disabled={list.moreState.loading} onClick={() => void list.showMore()}>
        {list.moreState.loading ? `Loading more ${what}…` : `Show more ${what}`}
      </button>
    )}
    {list.moreState.problem && <ProblemAlert problem={list.moreState.problem} />}
  </>
);
