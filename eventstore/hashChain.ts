import { hash } from 'node:crypto';
import type { EventMeta, RecordedEvent } from '../domain/eventEnvelope';

/** A recorded event as it is hashed: no store-assigned position, no hash of its own. */
export type UnhashedEvent = Omit<RecordedEvent, 'position' | 'meta'> & { meta: Omit<EventMeta, 'hash'> };

/** Fixed for this project forever: changing it would change every event id ever written. */
const EVENT_ID_NAMESPACE = 'db7903ae-08ef-41ad-a1d8-265a013ef48e';

const namespaceBytes = (namespace: string): Buffer => Buffer.from(namespace.replace(/-/g, ''), 'hex');
const EVENT_ID_NAMESPACE_BYTES = namespaceBytes(EVENT_ID_NAMESPACE);

/** RFC 9562 UUID version 5 (SHA-1 of namespace + name). */
export function uuidV5(namespace: string, name: string): string {
  return uuidV5Of(namespaceBytes(namespace), name);
}

function uuidV5Of(namespace: Buffer, name: string): string {
  // One-shot hash, then the version (5) and variant (10xx) bits set in the hex: an audit derives an id per event.
  const hex = hash('sha1', Buffer.concat([namespace, Buffer.from(name, 'utf8')]), 'hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Derived, never random: a retried append carries the same ids, which is what makes it recognisable. */
export function eventIdFor(stream: string, revision: number): string {
  return uuidV5Of(EVENT_ID_NAMESPACE_BYTES, `${stream}/${revision}`);
}

/**
 * JSON with keys sorted at every level and no whitespace, so equal values always hash alike.
 * Anything JSON would silently drop or alter (undefined, functions, NaN, Dates, class instances)
 * is refused: what is hashed must be exactly what reads back from storage.
 */
export function canonicalJson(value: unknown, path = '$'): string {
  try {
    return canonicalText(value);
  } catch (error) {
    if (error !== NOT_JSON) throw error;
    refuseNotJson(value, path);
    throw error;
  }
}

/**
 * Whether text is exactly canonicalJson(value), for a value JSON.parse gave (plain objects,
 * finite numbers), without serialising it the canonical way: JSON.stringify writes keys in the
 * object's own order, so when that order is sorted at every level the two texts are one.
 * False may also mean canonical text whose keys JSON.parse reorders (integer-like keys).
 */
export function isCanonicalTextOf(value: unknown, text: string): boolean {
  return keysSorted(value) && JSON.stringify(value) === text;
}

function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key in record) {
    if ((previous !== undefined && !(previous < key)) || !keysSorted(record[key])) return false;
    previous = key;
  }
  return true;
}

/** Thrown by canonicalText for a value JSON cannot hold; refuseNotJson then finds it again and names its path. */
const NOT_JSON = new TypeError('canonicalJson: a value JSON cannot hold');

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** The canonical text without building a path per value (it runs on every event's data and meta): only a refusal needs one. */
function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw NOT_JSON;
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalText(value[i]);
        return `${text}]`;
      }
      if (!isPlainObject(value)) throw NOT_JSON;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = '{';
      for (let i = 0; i < keys.length; i++) text += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${canonicalText(record[keys[i]!])}`;
      return `${text}}`;
    }
    default:
      throw NOT_JSON;
  }
}

/** Walks the value in canonical order and throws naming the first path JSON cannot hold. */
function refuseNotJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot hold`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => refuseNotJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    if (!isPlainObject(value)) throw new TypeError(`canonicalJson: ${path} is a ${value.constructor?.name ?? 'non-plain object'}, not plain JSON`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) refuseNotJson(record[key], `${path}.${key}`);
    return;
  }
  throw new TypeError(`canonicalJson: ${path} is ${typeof value}, which JSON cannot hold`);
}

/** hex SHA-256 of prevHash + canonical JSON of the event; deterministic fields only, so a retry hashes alike. */
export function hashEvent(prevHash: string, event: UnhashedEvent): string {
  return hashEventText(prevHash, canonicalJson(event));
}

/** hashEvent for an event whose canonical JSON is already at hand (see canonicalEventText). */
export function hashEventText(prevHash: string, canonicalText: string): string {
  return hash('sha256', prevHash + canonicalText, 'hex');
}

/** An unhashed event whose data and meta are already canonical JSON text: the store's columns as it writes them. */
export interface CanonicalParts {
  id: string;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metaJson: string;
}

/**
 * canonicalJson of the unhashed event, composed from text that is already canonical instead of
 * serialising data again: its keys in sorted order, no whitespace.
 */
export function canonicalEventText(event: CanonicalParts): string {
  return (
    `{"data":${event.dataJson},"id":${JSON.stringify(event.id)},"meta":${event.metaJson},"revision":${JSON.stringify(event.revision)},` +
    `"schemaVersion":${JSON.stringify(event.schemaVersion)},"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)}}`
  );
}

/**
 * Stored canonical meta without its own hash field: the meta that was hashed. Canonical meta sorts
 * its keys, so "hash" stands between "correlationId" and "occurredAt": always between two commas.
 * Undefined when the text does not hold that field in that form (not canonical, or changed).
 */
export function metaWithoutHash(metaJson: string, hash: string): string | undefined {
  const field = `,"hash":${JSON.stringify(hash)},`;
  const at = metaJson.indexOf(field);
  return at < 0 ? undefined : metaJson.slice(0, at + 1) + metaJson.slice(at + field.length);
}

/**
 * The canonical text of meta (which holds no hash yet) serialised once, and the inverse of
 * metaWithoutHash: the same text with the hash field where sorted keys put it, byte for byte
 * canonicalJson({ ...meta, hash }). The keys are serialised in the two halves around "hash".
 */
export function canonicalMetaText(meta: Record<string, unknown>): { unhashed: string; withHash: (hash: string) => string } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(meta)) (key < 'hash' ? before : after)[key] = meta[key];
  const membersBefore = canonicalJson(before).slice(1, -1);
  const membersAfter = canonicalJson(after).slice(1, -1);
  const text = (hashMember: string) => `{${[membersBefore, hashMember, membersAfter].filter((members) => members !== '').join(',')}}`;
  return { unhashed: text(''), withHash: (hash) => text(`"hash":${JSON.stringify(hash)}`) };
}
