import { createHash } from 'node:crypto';
import type { EventMeta, RecordedEvent } from '../domain/eventEnvelope';

/** A recorded event as it is hashed: no store-assigned position, no hash of its own. */
export type UnhashedEvent = Omit<RecordedEvent, 'position' | 'meta'> & { meta: Omit<EventMeta, 'hash'> };

/** Fixed for this project forever: changing it would change every event id ever written. */
const EVENT_ID_NAMESPACE = 'db7903ae-08ef-41ad-a1d8-265a013ef48e';

/** RFC 9562 UUID version 5 (SHA-1 of namespace + name). */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Derived, never random: a retried append carries the same ids, which is what makes it recognisable. */
export function eventIdFor(stream: string, revision: number): string {
  return uuidV5(EVENT_ID_NAMESPACE, `${stream}/${revision}`);
}

/**
 * JSON with keys sorted at every level and no whitespace, so equal values always hash alike.
 * Anything JSON would silently drop or alter (undefined, functions, NaN, Dates, class instances)
 * is refused: what is hashed must be exactly what reads back from storage.
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot hold`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(canonicalJson(value[i], `${path}[${i}]`));
    return `[${items.join(',')}]`;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`canonicalJson: ${path} is a ${value.constructor?.name ?? 'non-plain object'}, not plain JSON`);
    }
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], `${path}.${key}`)}`);
    return `{${fields.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${path} is ${typeof value}, which JSON cannot hold`);
}

/** hex SHA-256 of prevHash + canonical JSON of the event; deterministic fields only, so a retry hashes alike. */
export function hashEvent(prevHash: string, event: UnhashedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}
