import type { ComponentChildren } from 'preact';

/** Hashes and ids are long unbroken words: let them wrap rather than overflow. */
const WRAP = { overflowWrap: 'break-word' } as const;

const entries = (count: number): string => `${count} entr${count === 1 ? 'y' : 'ies'}`;

/** A field's value as an auditor reads it: text as text, absent said so, lists and records as indented JSON. */
const Value = ({ value }: { value: unknown }) => {
  if (value === undefined) return <span class="text-base-dark text-italic">absent</span>;
  if (value === null) return <span class="text-base-dark text-italic">none</span>;
  if (typeof value === 'string') return <span style={WRAP}>{value}</span>;
  if (typeof value !== 'object') return <code>{String(value)}</code>;
  if (Array.isArray(value) && value.length === 0) return <span class="text-base-dark text-italic">empty list</span>;
  if (!Array.isArray(value) && Object.keys(value).length === 0) return <span class="text-base-dark text-italic">empty</span>;
  return (
    <pre class="font-mono-3xs text-pre-wrap margin-0" style={WRAP}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
};

/** "board.members.0.agency" → "board › members › 0 › agency": the path into the case's state, readable. */
const FieldPath = ({ path }: { path: string }) => <span class="font-mono-xs">{path === '' ? '(the whole case)' : path.split('.').join(' › ')}</span>;

/** A case's state as a table of its fields (top level), each value shown whole. */
export const StateTable = ({ state, caption }: { state: unknown; caption: ComponentChildren }) => {
  const fields = state !== null && typeof state === 'object' && !Array.isArray(state) ? Object.entries(state) : [['', state] as const];
  return (
    <table class="usa-table usa-table--borderless usa-table--compact width-full" data-testid="state">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {fields.map(([field, value]) => (
          <tr key={field}>
            <th scope="row" class="text-top">
              <FieldPath path={field} />
            </th>
            <td>
              <Value value={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The entries a list gained at its end, when that is all that changed (a vote cast, a reminder sent); else null. */
const appended = (before: unknown, after: unknown): unknown[] | null =>
  Array.isArray(before) && Array.isArray(after) && after.length > before.length && before.every((item, i) => JSON.stringify(item) === JSON.stringify(after[i]))
    ? after.slice(before.length)
    : null;

/** A list that grew reads as what was added, not as the whole list twice. */
const Sides = ({ left, right }: { left: unknown; right: unknown }) => {
  const added = appended(left, right);
  if (!added) {
    return (
      <>
        <td class="text-top">
          <Value value={left} />
        </td>
        <td class="text-top">
          <Value value={right} />
        </td>
      </>
    );
  }
  const kept = (left as unknown[]).length;
  return (
    <>
      <td class="text-top">{kept === 0 ? <Value value={left} /> : entries(kept)}</td>
      <td class="text-top">
        {kept === 0 ? '' : `The ${entries(kept)} before, and `}added:
        <Value value={added.length === 1 ? added[0] : added} />
      </td>
    </>
  );
};

/** Field by field, two versions of a case side by side (before/after, replayed/live, recorded/what-if). */
export const DifferencesTable = ({
  caption,
  left,
  right,
  rows,
}: {
  caption: ComponentChildren;
  left: string;
  right: string;
  rows: readonly { path: string; left: unknown; right: unknown }[];
}) => (
  <table class="usa-table usa-table--compact width-full" data-testid="differences">
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Field</th>
        <th scope="col">{left}</th>
        <th scope="col">{right}</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr key={row.path}>
          <th scope="row" class="text-top">
            <FieldPath path={row.path} />
          </th>
          <Sides left={row.left} right={row.right} />
        </tr>
      ))}
    </tbody>
  </table>
);
