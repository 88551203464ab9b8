import { ProblemError } from '../problem';

/** Deeper than any body the API takes (a few levels); a deeper one is an attack on whoever walks it. */
export const MAX_JSON_DEPTH = 64;

/** Keys that reach an object's prototype when code copies or merges a body: never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Container {
  /** The field path, as validation problems name fields ("candidate.name", "ratings.0"). */
  field: string;
  /** An object's keys so far; null for an array. */
  keys: Set<string> | null;
  expectsKey: boolean;
  lastKey: string;
  index: number;
}

const refused = (error: string, field: string, rule: string, message: string): ProblemError =>
  new ProblemError({ status: 400, error, message: `${field}: ${message}`, issues: [{ field, rule, message }] });

const fieldOf = (parent: Container | undefined, name: string): string => (parent === undefined || parent.field === '(body)' ? name : `${parent.field}.${name}`);

/**
 * Walks JSON text that JSON.parse accepted, without recursion, and refuses what
 * JSON.parse lets through silently: a key given twice (the last would win
 * unseen), prototype keys, and nesting deeper than MAX_JSON_DEPTH.
 */
export const refuseHostileJson = (text: string): void => {
  const open: Container[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const top = open.at(-1);
    if (char === '{' || char === '[') {
      const field = top === undefined ? '(body)' : fieldOf(top, top.keys ? top.lastKey : String(top.index));
      if (open.length >= MAX_JSON_DEPTH) throw refused('json.too-deep', field, 'max-depth', `nested deeper than ${MAX_JSON_DEPTH} levels`);
      open.push({ field, keys: char === '{' ? new Set() : null, expectsKey: char === '{', lastKey: '', index: 0 });
    } else if (char === '}' || char === ']') {
      open.pop();
    } else if (char === ',' && top) {
      if (top.keys) top.expectsKey = true;
      else top.index += 1;
    } else if (char === '"') {
      const start = i;
      for (i += 1; text[i] !== '"'; i += 1) if (text[i] === '\\') i += 1;
      if (top?.keys && top.expectsKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        const field = fieldOf(top, key);
        if (PROTOTYPE_KEYS.has(key))
          throw refused('json.prototype-key', field, 'prototype-key', `"${key}" is not a field anywhere in this API (it names an object's prototype)`);
        if (top.keys.has(key)) throw refused('json.duplicate-key', field, 'duplicate-key', `"${key}" is given more than once; give each key once`);
        top.keys.add(key);
        top.lastKey = key;
        top.expectsKey = false;
      }
    }
  }
};
