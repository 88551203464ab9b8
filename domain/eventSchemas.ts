import { z, type ZodType } from 'zod';

/**
 * Event schema evolution. Every event type has a version per payload shape: version 1 is
 * the shape first stored, and each later version comes with its upcaster, a pure function
 * that lifts a payload of the version before it. A stored event keeps the version it was
 * written with; reading it validates it against that version's schema and upcasts it step
 * by step to the current one, so evolve only ever sees the current shape. A superseded
 * version's schema is frozen: it describes what was stored, and the schema lock
 * (test/fixtures/events/schema-lock.json) fails when it or the current one drifts.
 */
export interface PayloadVersions<Current extends ZodType> {
  /** schemas[i] is version i + 1; the last is the current one. */
  readonly schemas: readonly ZodType[];
  /** upcasts[i] lifts a payload valid under version i + 1 to the input of version i + 2. */
  readonly upcasts: readonly ((data: never) => unknown)[];
  readonly current: Current;
  /** The next version of the payload and the upcaster from this one. */
  next<Next extends ZodType>(schema: Next, upcast: (data: z.output<Current>) => z.input<Next>): PayloadVersions<Next>;
}

const versionsOf = <Current extends ZodType>(schemas: readonly ZodType[], upcasts: readonly ((data: never) => unknown)[]): PayloadVersions<Current> => ({
  schemas,
  upcasts,
  current: schemas.at(-1) as Current,
  next: (schema, upcast) => versionsOf([...schemas, schema], [...upcasts, upcast]),
});

/** An event type's payload from its version 1 on: `payloadVersions(v1).next(v2, v1ToV2)`. */
export const payloadVersions = <First extends ZodType>(first: First): PayloadVersions<First> => versionsOf([first], []);

/** A type's payload: one schema while it has only version 1, else its versions. */
export type PayloadDefinition = ZodType | PayloadVersions<ZodType>;

type CurrentSchema<D> = D extends PayloadVersions<infer S> ? S : D extends ZodType ? D : never;

/** The events of a catalog as evolve folds them: each type with its current payload. */
export type EventOf<Definitions extends Record<string, PayloadDefinition>> = {
  [T in keyof Definitions & string]: { type: T; data: z.output<CurrentSchema<Definitions[T]>>; occurredAt: string };
}[keyof Definitions & string];

/** A stored event as far as reading its payload needs it. */
export interface StoredPayload {
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: string;
}

/**
 * The event types of one process (or of the delegations, or the access log), each at its current version.
 * Its functions are methods so that any catalog stands where a catalog of any types is asked for (the lock test).
 */
export interface EventCatalog<Definitions extends Record<string, PayloadDefinition>> {
  /** Whose events these are, e.g. "qrb": errors name it. */
  name: string;
  /** The current payload schema of each type. */
  schemas: { [T in keyof Definitions]: CurrentSchema<Definitions[T]> };
  /** Every version of every type, oldest first: what the schema lock fingerprints and the fixtures cover. */
  versions: readonly { type: string; version: number; schema: ZodType }[];
  /** The version stamped on a new event of this type. */
  eventVersion(type: keyof Definitions & string): number;
  /** Validates a stored event against its type and version, and upcasts it to the current version. */
  parse(stored: StoredPayload): EventOf<Definitions>;
  /** The same for a payload alone: its data at the current version. */
  payload(stored: Omit<StoredPayload, 'occurredAt'>): EventOf<Definitions>['data'];
}

const isVersions = (definition: PayloadDefinition): definition is PayloadVersions<ZodType> => 'schemas' in definition && 'upcasts' in definition;

export const eventCatalog = <Definitions extends Record<string, PayloadDefinition>>(name: string, definitions: Definitions): EventCatalog<Definitions> => {
  const histories = new Map(
    Object.entries(definitions).map(([type, definition]) => [type, isVersions(definition) ? definition : payloadVersions(definition)] as const),
  );
  const historyOf = (type: string, version?: number): PayloadVersions<ZodType> => {
    const history = histories.get(type);
    if (history) return history;
    const stored = version === undefined ? '' : ` (schema version ${version})`;
    throw new Error(`unknown ${name} event type "${type}"${stored}; this build knows ${[...histories.keys()].join(', ')}`);
  };
  const upcast = (type: string, from: number, history: PayloadVersions<ZodType>, data: unknown): unknown => {
    const step = history.upcasts[from - 1] as (data: unknown) => unknown;
    const lifted = history.schemas[from]!.safeParse(step(data));
    if (!lifted.success)
      throw new Error(`${type} upcast from version ${from} to ${from + 1} does not fit version ${from + 1}: ${z.prettifyError(lifted.error)}`);
    return lifted.data;
  };
  const payload = ({ type, schemaVersion: version, data }: Omit<StoredPayload, 'occurredAt'>): EventOf<Definitions>['data'] => {
    const history = historyOf(type, version);
    const current = history.schemas.length;
    if (version > current) {
      throw new Error(
        `${type} schema version ${version} is newer than this build knows (${name} ${type} is at version ${current}): read it with the newer release`,
      );
    }
    if (!Number.isInteger(version) || version < 1) throw new Error(`${type} has no schema version ${version} (versions 1 to ${current})`);
    let lifted: unknown = history.schemas[version - 1]!.parse(data);
    for (let from = version; from < current; from++) lifted = upcast(type, from, history, lifted);
    return lifted as EventOf<Definitions>['data'];
  };
  return {
    name,
    schemas: Object.fromEntries([...histories].map(([type, history]) => [type, history.current])) as EventCatalog<Definitions>['schemas'],
    eventVersion: (type) => historyOf(type).schemas.length,
    versions: [...histories].flatMap(([type, history]) => history.schemas.map((schema, i) => ({ type, version: i + 1, schema }))),
    payload,
    parse: (stored) => ({ type: stored.type, data: payload(stored), occurredAt: stored.occurredAt }) as EventOf<Definitions>,
  };
};
