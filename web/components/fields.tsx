import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import type { Problem } from '../api';

/** Messages by field path ("candidate.name"), from the browser's own check (zod) or the API's problem document. */
export type FieldErrors = Record<string, string>;

export const errorsFromZod = (error: z.ZodError, prefix = ''): FieldErrors =>
  Object.fromEntries(error.issues.map((issue) => [[prefix, ...issue.path.map(String)].filter(Boolean).join('.'), issue.message]));

/**
 * Plain words for zod's generic messages in the browser (a schema's own messages, e.g.
 * an agency code's format, take precedence): `schema.safeParse(body, { error: plainZodMessages })`.
 */
export const plainZodMessages = (issue: { code?: string; minimum?: unknown; origin?: string; format?: string; input?: unknown }): string | undefined => {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'must be a date';
  if (issue.code === 'invalid_value') return issue.input === '' || issue.input === undefined ? 'choose one' : 'is not one of the choices';
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === '')) return 'is required';
  return undefined;
};

/** The API names fields as the body has them; `strip` drops a wrapper the form does not show (e.g. "action."). */
export const errorsFromProblem = (problem: Problem, strip = ''): FieldErrors =>
  Object.fromEntries(
    (problem.issues ?? []).map((issue) => [
      issue.field.startsWith(strip) ? issue.field.slice(strip.length) : issue.field,
      `${issue.message} (rule ${issue.rule})`,
    ]),
  );

/** A field's id from its path: "evidence.ecqs.0" → "field-evidence-ecqs-0". */
export const fieldId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

interface FieldProps {
  path: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  required?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; class: string; required?: boolean }) => ComponentChildren;
}

/** A USWDS form group: label, hint, the refusal next to the field, and the input wired to both. */
export const Field = ({ path, label, hint, errors, required, children }: FieldProps) => {
  const id = fieldId(path);
  const error = errors[path];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={id}>
        {label}
        {required === false && <span class="text-base-dark"> (optional)</span>}
      </label>
      {hint && (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
        class: '',
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
};

export const TextInput = (
  props: Omit<FieldProps, 'children'> & {
    value: string;
    onInput: (value: string) => void;
    type?: 'text' | 'date' | 'email' | 'number' | 'datetime-local';
    multiline?: boolean;
  },
) => (
  <Field {...props}>
    {(input) =>
      props.multiline ? (
        <textarea
          {...input}
          class={`usa-textarea${props.errors[props.path] ? ' usa-input--error' : ''}`}
          value={props.value}
          onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          {...input}
          class={`usa-input${props.errors[props.path] ? ' usa-input--error' : ''}`}
          type={props.type ?? 'text'}
          value={props.value}
          onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        />
      )
    }
  </Field>
);

export const SelectInput = (
  props: Omit<FieldProps, 'children'> & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
    placeholder?: string;
  },
) => (
  <Field {...props}>
    {(input) => (
      <select
        {...input}
        class={`usa-select${props.errors[props.path] ? ' usa-input--error' : ''}`}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="">{props.placeholder ?? '- Select -'}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    )}
  </Field>
);

export const Checkbox = ({
  path,
  label,
  hint,
  checked,
  onChange,
}: {
  path: string;
  label: string;
  /** A second line under the label. */
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) => (
  <div class="usa-checkbox">
    <input
      class="usa-checkbox__input"
      id={fieldId(path)}
      type="checkbox"
      checked={checked}
      onChange={(e) => onChange((e.target as HTMLInputElement).checked)}
    />
    <label class="usa-checkbox__label" for={fieldId(path)}>
      {label}
      {hint && <span class="usa-checkbox__label-description">{hint}</span>}
    </label>
  </div>
);

interface RadioOption {
  value: string;
  label: string;
  /** A second line under the label (USWDS tile description). */
  description?: string;
}

/** Radio buttons as one fieldset: the question is the legend, the refusal sits under it; tiles when the choices need words. */
export const RadioGroup = (props: {
  path: string;
  legend: string;
  hint?: string;
  errors: FieldErrors;
  value: string;
  onChange: (value: string) => void;
  options: readonly RadioOption[];
  tile?: boolean;
  inline?: boolean;
  bold?: boolean;
}) => {
  const id = fieldId(props.path);
  const error = props.errors[props.path];
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`} id={id} {...(described ? { 'aria-describedby': described } : {})}>
      <legend class={`usa-legend${props.bold ? ' text-bold' : ''}${error ? ' usa-label--error' : ''}`}>{props.legend}</legend>
      {props.hint && (
        <div class="usa-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {error && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      <div class={props.inline ? 'display-flex flex-wrap' : ''}>
        {props.options.map((option) => (
          <div class={`usa-radio${props.inline ? ' margin-right-3' : ''}`} key={option.value}>
            <input
              class={`usa-radio__input${props.tile ? ' usa-radio__input--tile' : ''}`}
              id={`${id}-${option.value}`}
              type="radio"
              name={id}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            <label class="usa-radio__label" for={`${id}-${option.value}`}>
              {option.label}
              {option.description && <span class="usa-checkbox__label-description">{option.description}</span>}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
};
