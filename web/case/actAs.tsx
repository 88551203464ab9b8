import { useState } from 'preact/hooks';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import type { DelegationState } from '../../domain/delegation/state';
import { get } from '../api';
import { TextInput } from '../components/fields';
import { problemOf } from '../components/useLoad';
import { useSession } from '../session';
import { dayText, roleName, sentence } from '../words';
import type { Acting } from './actionCatalog';

/**
 * "Act as": the person in their own roles, or as acting official under a delegation
 * they name. The delegation is read (GET /delegations/:id) to offer what it covers;
 * the server resolves and checks it again on every action.
 */
/** `acting` is null while the person has chosen a delegation but not named one yet: nothing is offered. */
export const ActAs = ({ acting, onChange, asOf }: { acting: Acting | null; onChange: (acting: Acting | null) => void; asOf: string }) => {
  const { person } = useSession();
  const self: Acting = { kind: 'self', id: person.id, roles: person.roles };
  const [mode, setMode] = useState<'self' | 'delegation'>(acting?.kind ?? 'delegation');
  const [delegationId, setDelegationId] = useState(acting?.kind === 'delegation' ? acting.delegationId : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (next: 'self' | 'delegation') => {
    setMode(next);
    setError(null);
    onChange(next === 'self' ? self : null);
  };

  const useDelegation = async (event: Event) => {
    event.preventDefault();
    const id = delegationId.trim();
    if (!id) return setError('Enter the id of the delegation that names you, e.g. DEL-2026-0001.');
    setBusy(true);
    setError(null);
    try {
      const { status, grant } = (await get<DelegationState>(`/delegations/${encodeURIComponent(id)}`)).body;
      if (!grant || status !== 'GRANTED') setError(`Delegation ${id} is not in force (${sentence(status)}).`);
      else if (grant.to !== person.id) setError(`Delegation ${id} names ${grant.to} as acting official, not you.`);
      // The delegation's dates are the delegating agency's days, as the decider counts them.
      else if (agencyDateOf(asOf, grant.agency) < grant.validFrom || agencyDateOf(asOf, grant.agency) > grant.validUntil)
        setError(`Delegation ${id} runs from ${dayText(grant.validFrom)} to ${dayText(grant.validUntil)}, not today.`);
      else onChange({ kind: 'delegation', id: person.id, delegationId: grant.delegationId, role: grant.role, from: grant.from, approvals: grant.approvals });
    } catch (failure) {
      setError(problemOf(failure).detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="usa-form usa-form--large" onSubmit={(event) => void useDelegation(event)} data-testid="act-as">
      <fieldset class="usa-fieldset">
        <legend class="usa-legend text-bold">Act as</legend>
        <div class="usa-radio">
          <input class="usa-radio__input" id="act-as-self" type="radio" name="act-as" checked={mode === 'self'} onChange={() => choose('self')} />
          <label class="usa-radio__label" for="act-as-self">
            Myself ({person.roles.map(roleName).join(', ')})
          </label>
        </div>
        <div class="usa-radio">
          <input
            class="usa-radio__input"
            id="act-as-delegation"
            type="radio"
            name="act-as"
            checked={mode === 'delegation'}
            onChange={() => choose('delegation')}
          />
          <label class="usa-radio__label" for="act-as-delegation">
            Acting official under a delegation
          </label>
        </div>
      </fieldset>
      {mode === 'delegation' && (
        <>
          <TextInput
            path="actAs.delegationId"
            label="Delegation id"
            hint="The delegation naming you as acting official; its official's decisions it covers are then offered below."
            value={delegationId}
            onInput={setDelegationId}
            errors={error ? { 'actAs.delegationId': error } : {}}
          />
          <button type="submit" class="usa-button usa-button--outline margin-top-2" disabled={busy}>
            {busy ? 'Checking…' : 'Use this delegation'}
          </button>
          {acting?.kind === 'delegation' && (
            <p class="margin-top-2" data-testid="acting-under" role="status">
              Acting for <span class="text-bold">{acting.from}</span> as {roleName(acting.role)} under delegation {acting.delegationId}:{' '}
              {acting.approvals.map(sentence).join(', ')}.
            </p>
          )}
        </>
      )}
    </form>
  );
};
