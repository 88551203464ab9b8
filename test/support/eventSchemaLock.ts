import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z, type ZodType } from 'zod';
import { appraisalEvents } from '../../domain/appraisal';
import { delegationEvents } from '../../domain/delegation';
import { disclosureEvents } from '../../domain/disclosure';
import { ProposedEventSchema } from '../../domain/eventEnvelope';
import type { EventCatalog, PayloadDefinition } from '../../domain/eventSchemas';
import { onboardingEvents } from '../../domain/onboarding';
import { probationEvents } from '../../domain/probation';
import { qrbEvents } from '../../domain/qrb';
import { reassignmentEvents } from '../../domain/reassignment';
import { rotationEvents } from '../../domain/rotation';

/**
 * The schema lock: per catalog, event type and version, a fingerprint of the payload schema
 * (SHA-256 of zod's JSON Schema of it, keys sorted). A version's schema never changes once
 * events may have been stored under it; a payload change is a new version with an upcaster.
 */
export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'events');
export const LOCK_FILE = join(FIXTURES_DIR, 'schema-lock.json');

export type AnyCatalog = EventCatalog<Record<string, PayloadDefinition>>;

/** Every catalog of stored events: the four processes, the delegations and the access log. */
export const CATALOGS: readonly AnyCatalog[] = [
  qrbEvents,
  probationEvents,
  onboardingEvents,
  rotationEvents,
  reassignmentEvents,
  appraisalEvents,
  delegationEvents,
  disclosureEvents,
];

/** catalog -> event type -> version -> fingerprint */
export type SchemaLock = Record<string, Record<string, Record<string, string>>>;

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => {
        const inner = (value as Record<string, unknown>)[key];
        // Which fields are required is a set: its order in the source is not part of the shape.
        return [key, key === 'required' && Array.isArray(inner) ? [...inner].sort() : canonical(inner)];
      }),
  );
};

/** What a stored payload must look like under this schema, as one hash. */
export const fingerprint = (schema: ZodType): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(z.toJSONSchema(schema, { io: 'input' }))))
    .digest('hex');

export const fingerprints = (catalogs: readonly AnyCatalog[]): SchemaLock => {
  const lock: SchemaLock = {};
  for (const catalog of catalogs) {
    for (const { type, version, schema } of catalog.versions) ((lock[catalog.name] ??= {})[type] ??= {})[version] = fingerprint(schema);
  }
  return lock;
};

export const readLock = (): SchemaLock => JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as SchemaLock;

/**
 * How the code's schemas differ from the lock: `changed` (a locked version's schema is not what
 * was locked: a change without a new version), `unlocked` (a version the lock does not hold
 * yet: the lock gets it with UPDATE_EVENT_LOCK=1) and `dropped` (a locked version this build no
 * longer reads: stored events of it would no longer fold).
 */
export const lockDifferences = (current: SchemaLock, locked: SchemaLock) => {
  const entries = (lock: SchemaLock) =>
    Object.entries(lock).flatMap(([catalog, types]) =>
      Object.entries(types).flatMap(([type, versions]) => Object.entries(versions).map(([version, hash]) => ({ catalog, type, version, hash }))),
    );
  const lockedHash = (e: { catalog: string; type: string; version: string }) => locked[e.catalog]?.[e.type]?.[e.version];
  const currentHash = (e: { catalog: string; type: string; version: string }) => current[e.catalog]?.[e.type]?.[e.version];
  return {
    changed: entries(current).filter((e) => lockedHash(e) !== undefined && lockedHash(e) !== e.hash),
    unlocked: entries(current).filter((e) => lockedHash(e) === undefined),
    dropped: entries(locked).filter((e) => currentHash(e) === undefined),
  };
};

/** The lock with the versions it did not hold yet added; a locked fingerprint is never overwritten. */
export const withNewVersions = (current: SchemaLock, locked: SchemaLock): SchemaLock => {
  const merged: SchemaLock = structuredClone(locked);
  for (const [catalog, types] of Object.entries(current)) {
    for (const [type, versions] of Object.entries(types)) {
      for (const [version, hash] of Object.entries(versions)) ((merged[catalog] ??= {})[type] ??= {})[version] ??= hash;
    }
  }
  return merged;
};

export const writeLock = (lock: SchemaLock): void => writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);

const FixtureSchema = z.object({
  stream: z.string().min(1),
  /** Where the events come from: a recorded history, an old release's decider, the current one. */
  recorded: z.string().min(1),
  events: z.array(ProposedEventSchema).min(1),
});
export type EventFixture = z.infer<typeof FixtureSchema> & { file: string; catalog: string };

/** Every fixture stream, from test/fixtures/events/<catalog>/<name>.json. */
export const readFixtures = (): EventFixture[] =>
  readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name: catalog }) =>
      readdirSync(join(FIXTURES_DIR, catalog))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => {
          const parsed = FixtureSchema.safeParse(JSON.parse(readFileSync(join(FIXTURES_DIR, catalog, file), 'utf8')));
          if (!parsed.success) throw new Error(`test/fixtures/events/${catalog}/${file}: ${z.prettifyError(parsed.error)}`);
          return { ...parsed.data, file: `${catalog}/${file}`, catalog };
        }),
    );
