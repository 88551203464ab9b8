import { z } from 'zod';
import { ProblemError } from './problem';

/**
 * One convention for every list that can grow: ask with `limit` (default 100, at most 1000)
 * and `after` (the `next` of the page before, opaque); the answer is `{items, next}`, `next`
 * null on the last page. The cursor names the last item given, never an offset, so items
 * recorded meanwhile neither repeat nor shift the walk.
 */

export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 1000;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).optional().describe(`items per page (default ${PAGE_LIMIT_DEFAULT}, at most ${PAGE_LIMIT_MAX})`),
  after: z.string().min(1).max(512).optional().describe("the previous page's `next`: the page after it"),
});
export type PageRequest = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** The `after` of the next page; null when this page is the last. */
  next: string | null;
}

/** The answer's shape in the OpenAPI document. */
export const pageSchemaOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable().describe('pass as `after` for the next page; null on the last page') });

export const limitOf = (request: PageRequest): number => request.limit ?? PAGE_LIMIT_DEFAULT;

/** A cursor as the client holds it: the position it stands for, base64url JSON, checked on the way back. */
export const encodeCursor = (position: unknown): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export const decodeCursor = <T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined => {
  if (cursor === undefined) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const parsed = schema.safeParse(position);
  if (!parsed.success) {
    throw new ProblemError({
      status: 400,
      error: 'validation',
      message: 'after: not a cursor this list gave; pass the `next` of the previous page unchanged',
      issues: [{ field: 'query.after', rule: 'cursor', message: 'not a cursor of this list' }],
    });
  }
  return parsed.data;
};

/** A page from `limit + 1` rows read after the cursor: the extra row only says whether another page follows. */
export const pageFrom = <T>(rows: readonly T[], limit: number, cursorOf: (item: T) => unknown): Page<T> => {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? encodeCursor(cursorOf(items.at(-1)!)) : null };
};

/** Every item of a paged list, page after page of the largest size; `onPage` after each, so a long read can show how far it is. */
export const everyItem = async <T>(read: (page: PageRequest) => Promise<Page<T>>, onPage?: (readSoFar: number, more: boolean) => void): Promise<T[]> => {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await read({ limit: PAGE_LIMIT_MAX, ...(after === undefined ? {} : { after }) });
    items.push(...page.items);
    after = page.next ?? undefined;
    onPage?.(items.length, after !== undefined);
  } while (after !== undefined);
  return items;
};
