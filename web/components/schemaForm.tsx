import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { sentence } from '../words';
import { Checkbox, SelectInput, TextInput, fieldId, type FieldErrors } from './fields';

/**
 * A form drawn from the very zod schema the server validates with: each field of an
 * object becomes a labelled input (dates as date inputs, enums as selects, long text
 * as text areas, lists one per line, nested objects as fieldsets, lists of objects as
 * one fieldset per entry with add and remove). The form keeps what the person typed as
 * text (`Draft`; a list of objects as entries keyed "0", "1", ...); `valueOf` turns it into the body.
 */
export type Draft = { [field: string]: string | boolean | Draft };

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  values?: unknown[];
  element?: z.ZodType;
  format?: string;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema of a list's entries, when the field is a list of objects. */
const objectEntryOf = (def: Def): z.ZodType | undefined => {
  if (def.type !== 'array' || !def.element) return undefined;
  const entry = unwrap(def.element).inner;
  return defOf(entry).type === 'object' ? entry : undefined;
};

/** A list's entries in order ("0", "1", ...); a draft stored before the list had entries has none. */
const entriesOf = (raw: unknown): Draft[] =>
  raw !== null && typeof raw === 'object'
    ? Object.keys(raw)
        .filter((key) => /^\d+$/.test(key))
        .sort((a, b) => Number(a) - Number(b))
        .map((key) => (raw as Record<string, Draft>)[key]!)
    : [];

const asEntries = (entries: Draft[]): Draft => Object.fromEntries(entries.map((entry, index) => [String(index), entry]));

const isBlank = (value: unknown): boolean => value === undefined || value === false || (Array.isArray(value) && value.length === 0);

/** The schema under optional / default wrappers, whether it may be left empty, and its default. */
const unwrap = (schema: z.ZodType): { inner: z.ZodType; optional: boolean; defaultValue: unknown } => {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional') optional = true;
    else if (def.type === 'default') {
      optional = true;
      defaultValue = def.defaultValue;
    } else break;
    inner = def.innerType!;
  }
  return { inner, optional, defaultValue };
};

const maxLengthOf = (schema: z.ZodType): number | undefined => defOf(schema).checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;

/** "appointmentEffectiveDate" reads "Appointment effective date"; "supervisorId" reads "Supervisor (user id)". */
const labelOf = (name: string): string => (name.endsWith('Id') && name.length > 2 ? `${sentence(name.slice(0, -2))} (user id)` : sentence(name));

/** An empty draft for the schema, with its defaults filled in. */
export const emptyDraft = (schema: z.ZodType): Draft => {
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  return Object.fromEntries(
    Object.entries(shape).map(([name, field]) => {
      const { inner, optional, defaultValue } = unwrap(field);
      const def = defOf(inner);
      if (def.type === 'object') return [name, emptyDraft(inner)];
      // A list of objects the schema requires starts with one entry to fill; an optional one with none.
      const entry = objectEntryOf(def);
      if (entry) return [name, asEntries(optional ? [] : [emptyDraft(entry)])];
      if (def.type === 'boolean') return [name, defaultValue === true];
      if (def.type === 'literal') return [name, String(def.values![0])];
      return [name, defaultValue === undefined ? '' : String(defaultValue)];
    }),
  );
};

/** The body the draft stands for: empty optional fields left out, numbers and lists parsed; zod then checks it. */
export const valueOf = (schema: z.ZodType, draft: Draft): Record<string, unknown> => {
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const { inner, optional } = unwrap(field);
    const def = defOf(inner);
    const raw = draft[name];
    if (def.type === 'object') {
      const nested = valueOf(inner, (raw as Draft) ?? {});
      if (!(optional && Object.values(nested).every(isBlank))) body[name] = nested;
      continue;
    }
    const entry = objectEntryOf(def);
    if (entry) {
      // Every entry the person added is sent (a blank one is refused next to its fields, at its own index).
      const entries = entriesOf(raw).map((item) => valueOf(entry, item));
      if (!(optional && entries.length === 0)) body[name] = entries;
      continue;
    }
    if (def.type === 'boolean') {
      body[name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '' && optional) continue;
    if (def.type === 'number') body[name] = text.trim() === '' ? undefined : Number(text);
    else if (def.type === 'array')
      body[name] = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else body[name] = text;
  }
  return body;
};

const setIn = (draft: Draft, path: string[], value: string | boolean): Draft => {
  const [head, ...rest] = path;
  if (head === undefined) return draft;
  return { ...draft, [head]: rest.length === 0 ? value : setIn((draft[head] as Draft) ?? {}, rest, value) };
};

interface SchemaFieldsProps {
  schema: z.ZodType;
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors: FieldErrors;
  /** Fields the page fills itself (e.g. "type", "startedBy"): not shown. */
  omit?: readonly string[];
  /**
   * Labels and hints the generic ones do not say well, by path; an entry of a list of objects by "*"
   * ("priorFinalRatings.*.level"), and "priorFinalRatings.*" names one entry ("Prior rating").
   */
  labels?: Record<string, { label?: string; hint?: string }>;
  /** Where these fields sit in the body ("terms" inside an action): the error paths. */
  prefix?: string;
  /** Inputs the page draws itself for a text field, by path, "*" for a list's entries (e.g. a person picked from a list for "supervisorId"). */
  inputs?: Record<string, (field: CustomInput) => ComponentChildren>;
}

/** What a page's own input for one field is given: the same label, hint, refusal and value the generic input would have. */
export interface CustomInput {
  path: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
}

/** The inputs of an object schema, bound to the draft; each refusal next to its field. */
export const SchemaFields = ({ schema, draft, onChange, errors, omit = [], labels = {}, prefix = '', inputs = {} }: SchemaFieldsProps) => {
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  return (
    <>
      {Object.entries(shape)
        .filter(([name, field]) => !omit.includes(name) && defOf(unwrap(field).inner).type !== 'literal')
        .map(([name, field]) => {
          const path = prefix ? `${prefix}.${name}` : name;
          const { inner, optional } = unwrap(field);
          const def = defOf(inner);
          const words = labels[path] ?? labels[anyEntry(path)];
          const label = words?.label ?? labelOf(name);
          const hint = words?.hint;
          const set = (value: string | boolean) => onChange(setIn(draft, path.split('.').slice(prefix ? prefix.split('.').length : 0), value));
          const common = { path, label, hint, errors, required: !optional };
          if (def.type === 'object') {
            return (
              <fieldset class="usa-fieldset margin-top-3 border-1px border-base-lighter padding-2" key={path} id={fieldId(path)}>
                <Legend label={label} optional={optional} hint={hint} path={path} errors={errors} />
                <SchemaFields
                  schema={inner}
                  draft={(draft[name] as Draft) ?? {}}
                  onChange={(nested) => onChange({ ...draft, [name]: nested })}
                  errors={errors}
                  labels={labels}
                  prefix={path}
                  inputs={inputs}
                />
              </fieldset>
            );
          }
          const entry = objectEntryOf(def);
          if (entry) {
            const entries = entriesOf(draft[name]);
            const setEntries = (next: Draft[]) => onChange({ ...draft, [name]: asEntries(next) });
            const one = labels[`${anyEntry(path)}.*`]?.label ?? 'Entry';
            const max = defOf(inner).checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
            return (
              <fieldset class="usa-fieldset margin-top-3 border-1px border-base-lighter padding-2" key={path} id={fieldId(path)}>
                <Legend label={label} optional={optional} hint={hint} path={path} errors={errors} />
                {entries.length === 0 && <p class="margin-y-1 text-base-dark">None entered.</p>}
                {entries.map((item, index) => (
                  <fieldset
                    class="usa-fieldset margin-top-2 border-left-05 border-base-lighter padding-left-2"
                    key={`${path}.${index}`}
                    id={fieldId(`${path}.${index}`)}
                  >
                    <legend class="usa-legend margin-top-0 text-bold">
                      {one} {index + 1}
                    </legend>
                    <SchemaFields
                      schema={entry}
                      draft={item}
                      onChange={(changed) => setEntries(entries.map((e, i) => (i === index ? changed : e)))}
                      errors={errors}
                      labels={labels}
                      prefix={`${path}.${index}`}
                      inputs={inputs}
                    />
                    <button
                      type="button"
                      class="usa-button usa-button--unstyled margin-top-1"
                      onClick={() => setEntries(entries.filter((_, i) => i !== index))}
                    >
                      Remove {one.toLowerCase()} {index + 1}
                    </button>
                  </fieldset>
                ))}
                {(max === undefined || entries.length < max) && (
                  <button type="button" class="usa-button usa-button--outline margin-top-2" onClick={() => setEntries([...entries, emptyDraft(entry)])}>
                    {entries.length === 0 ? 'Add' : 'Add another'} {one.toLowerCase()}
                  </button>
                )}
              </fieldset>
            );
          }
          const custom = inputs[path] ?? inputs[anyEntry(path)];
          if (custom && def.type !== 'boolean') return <div key={path}>{custom({ ...common, value: String(draft[name] ?? ''), onChange: set })}</div>;
          if (def.type === 'boolean')
            return (
              <div class="margin-top-2" key={path}>
                <Checkbox path={path} label={label} {...(hint ? { hint } : {})} checked={draft[name] === true} onChange={set} />
              </div>
            );
          if (def.type === 'enum') {
            return (
              <SelectInput
                key={path}
                {...common}
                value={String(draft[name] ?? '')}
                onChange={set}
                options={Object.values(def.entries!).map((v) => ({ value: v, label: sentence(v) }))}
              />
            );
          }
          if (def.type === 'array') {
            return <TextInput key={path} {...common} hint={hint ?? 'one per line'} multiline value={String(draft[name] ?? '')} onInput={set} />;
          }
          const long = (maxLengthOf(inner) ?? 0) > 500;
          const type = def.format === 'date' ? 'date' : def.type === 'number' ? 'number' : 'text';
          return <TextInput key={path} {...common} type={type} multiline={long} value={String(draft[name] ?? '')} onInput={set} />;
        })}
    </>
  );
};

/** A path with its list indexes as "*": "priorFinalRatings.0.level" reads "priorFinalRatings.*.level". */
const anyEntry = (path: string): string => path.replace(/\.\d+(?=\.|$)/g, '.*');

/** A fieldset's legend: its label, whether it may be left empty, its hint and the refusal of the whole group. */
const Legend = ({
  label,
  optional,
  hint,
  path,
  errors,
}: {
  label: string;
  optional: boolean;
  hint?: string | undefined;
  path: string;
  errors: FieldErrors;
}) => (
  <>
    <legend class="usa-legend text-bold">
      {label}
      {optional && <span class="text-base-dark"> (optional)</span>}
    </legend>
    {hint && <div class="usa-hint">{hint}</div>}
    {errors[path] && (
      <span class="usa-error-message" role="alert">
        {errors[path]}
      </span>
    )}
  </>
);

/**
 * A field's path in words, as the form labels it ("priorFinalRatings.0.periodEnd" reads
 * "Earlier rating 1: Last day of that period"): for a refusal listed away from its field.
 * Undefined for a path the schema does not have.
 */
export const fieldLabelOf = (schema: z.ZodType, path: string, labels: Record<string, { label?: string }> = {}): string | undefined => {
  const words: string[] = [];
  let current = schema;
  const seen: string[] = [];
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    const field = defOf(unwrap(current).inner).shape?.[name];
    if (!field) return undefined;
    seen.push(name);
    const inner = unwrap(field).inner;
    const entry = objectEntryOf(defOf(inner));
    const index = segments[i + 1];
    if (entry && index !== undefined && /^\d+$/.test(index)) {
      words.push(`${labels[`${anyEntry(seen.join('.'))}.*`]?.label ?? 'Entry'} ${Number(index) + 1}`);
      seen.push(index);
      current = entry;
      i++;
      continue;
    }
    words.push((labels[seen.join('.')] ?? labels[anyEntry(seen.join('.'))])?.label ?? labelOf(name));
    current = inner;
  }
  return words.join(': ');
};
