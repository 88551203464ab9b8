/** One field that differs between two states; a side is undefined where the field is absent. */
export interface StateDifference {
  /** Dotted path from the state's root, array items by index (e.g. "remindersSent.0.at"); "" for the root. */
  path: string;
  before: unknown;
  after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);

/**
 * The fields that differ between two JSON states, deep-compared: objects key by key,
 * arrays item by item when they have the same length, and otherwise as a whole
 * (a list that grew or shrank reads better whole than as items shifted by one).
 */
export const stateDiff = (before: unknown, after: unknown, path = ''): StateDifference[] => {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => stateDiff(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => stateDiff(item, after[i], join(path, i)));
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
};
