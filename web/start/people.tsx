import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import type { Role } from '../../domain/roles';
import { SelectInput, TextInput, type FieldErrors } from '../components/fields';
import { roleName } from '../words';

export interface Person {
  id: string;
  name: string | null;
  roles: Role[];
}

// The embedded default's people list (GET /auth/people); with an OIDC issuer there is none and people are named by user id.
let directory: Promise<Person[] | null> | null = null;
const loadDirectory = (): Promise<Person[] | null> =>
  (directory ??= get<{ people: Person[] }>('/auth/people').then(
    ({ body }) => body.people,
    () => null,
  ));

/** The people of the embedded default; null when identities come from an issuer; undefined while the list loads. */
export const usePeople = (): Person[] | null | undefined => {
  const [people, setPeople] = useState<Person[] | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void loadDirectory().then((list) => current && setPeople(list));
    return () => {
      current = false;
    };
  }, []);
  return people;
};

const personLabel = (person: Person): string => `${person.name ?? person.id} (${person.id})`;

interface PersonFieldProps {
  path: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
  /** Offer the people holding one of these roles. */
  roles: readonly Role[];
  /** People who may not be chosen here (e.g. earlier board members), with why. */
  exclude?: ReadonlyMap<string, string>;
  people: Person[] | null | undefined;
}

/** A person chosen by name from the people list when there is one, else typed as a user id. */
export const PersonField = ({ roles, exclude, people, hint, ...field }: PersonFieldProps) => {
  // While the list loads the select is already there (empty), so a field focused meanwhile keeps the focus.
  // (The value a draft restores is an option already, so the select shows it once the list arrives.)
  if (people === undefined) {
    return (
      <SelectInput
        {...field}
        {...(hint ? { hint } : {})}
        options={field.value ? [{ value: field.value, label: field.value }] : []}
        placeholder="Loading people…"
      />
    );
  }
  const eligible = people?.filter((p) => p.roles.some((r) => roles.includes(r)) && !exclude?.has(p.id)) ?? [];
  if (eligible.length === 0) {
    return <TextInput {...field} hint={hint ? `${hint} (a user id)` : 'a user id'} onInput={field.onChange} />;
  }
  const known = eligible.some((p) => p.id === field.value);
  const options = [
    ...eligible.map((p) => ({ value: p.id, label: `${personLabel(p)}, ${p.roles.map(roleName).join(', ')}` })),
    // A value restored from a draft or a case that the list does not offer stays visible rather than silently dropped.
    ...(field.value && !known ? [{ value: field.value, label: field.value }] : []),
  ];
  return <SelectInput {...field} {...(hint ? { hint } : {})} options={options} placeholder="- Choose a person -" />;
};
