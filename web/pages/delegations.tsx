import { useState } from 'preact/hooks';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import {
  ADMINISTERING_ROLES,
  DelegableApprovalSchema,
  DelegableRoleSchema,
  DelegationGrantSchema,
  RevocationSchema,
  type DelegationState,
} from '../../domain/delegation';
import type { Role } from '../../domain/roles';
import { get, post, type Problem } from '../api';
import { Empty, Loading, ProblemAlert, Success } from '../components/feedback';
import { Checkbox, SelectInput, TextInput, fieldId, type FieldErrors } from '../components/fields';
import { useLoad } from '../components/useLoad';
import { check, useSubmission } from '../components/useSubmission';
import { Link, navigate } from '../router';
import { holds, useCan, useSession, type Session } from '../session';
import { dayText, instantText, roleName, sentence } from '../words';
import type { PageProps } from './pageProps';

const delegationPath = (id: string): string => `/delegations/${encodeURIComponent(id)}`;
/** Today in the delegating agency's days (Washington's for a grant that names no agency). */
const todayIn = (agency: string | null | undefined): string => agencyDateOf(new Date().toISOString(), agency);

/** Admins and the executive-resources office grant and revoke for any official; anyone else only their own. */
const administers = (session: Session): boolean => ADMINISTERING_ROLES.some((role) => holds(session, role));

/** A refusal of the form's own entries says what did not happen; other failures keep their own heading (server down, not allowed). */
const refusalHeading = (problem: Problem, heading: string): string | undefined => ([400, 409, 422].includes(problem.status) ? heading : undefined);

export const DelegationsPage = (_: PageProps) => {
  const can = useCan();
  return (
    <>
      <h1>Delegations</h1>
      <div class="usa-prose">
        <p>
          A delegation names an <strong>acting official</strong> for some of your approvals while you are away: from one date through another (at most 120
          days), only the approvals it lists, and only in the role it names. Each decision taken under it records both of you. You can revoke it before it ends.
        </p>
      </div>
      <div class="grid-row grid-gap-lg">
        <div class="desktop:grid-col-7">{can('delegation.grant') && <GrantForm />}</div>
        <div class="desktop:grid-col-5">
          <LookUp />
        </div>
      </div>
    </>
  );
};

/** Goes to a delegation's page by its id (there is no list of delegations). */
const LookUp = () => {
  const [id, setId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = DelegationGrantSchema.shape.delegationId.safeParse(id.trim());
    if (!checked.success) {
      setErrors({ lookup: checked.error.issues[0]!.message });
      return;
    }
    navigate(delegationPath(checked.data));
  };
  return (
    <section aria-labelledby="lookup-title" class="margin-top-4 border-1px border-base-lighter radius-md padding-2 padding-top-1">
      <h2 id="lookup-title" class="margin-top-1">
        Look up a delegation
      </h2>
      <form class="usa-form" onSubmit={submit} noValidate role="search" aria-label="Look up a delegation by id">
        <TextInput
          path="lookup"
          label="Delegation id"
          hint='For example "DEL-2026-0001", as the notification of its grant says.'
          errors={errors}
          value={id}
          onInput={setId}
        />
        <button type="submit" class="usa-button margin-top-2">
          Show delegation
        </button>
      </form>
    </section>
  );
};

interface Draft {
  delegationId: string;
  from: string;
  to: string;
  role: string;
  approvals: string[];
  validFrom: string;
  validUntil: string;
  reason: string;
}

const newDraft = (personId: string, roles: readonly string[]): Draft => ({
  delegationId: `DEL-${todayIn(null).slice(0, 4)}-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
  from: personId,
  to: '',
  role: roles.length === 1 ? roles[0]! : '',
  approvals: [],
  validFrom: todayIn(null),
  validUntil: '',
  reason: '',
});

/** The grant: checked with the server's schema first; a refusal is shown next to its field and the entries stay. */
const GrantForm = () => {
  const session = useSession();
  const mayGrantForOthers = administers(session);
  // An official delegates a role they hold; an administering office may delegate any official's.
  const roles = DelegableRoleSchema.options.filter((role) => mayGrantForOthers || holds(session, role as Role));
  const [draft, setDraft] = useState<Draft>(() => newDraft(session.person.id, roles));
  const [granted, setGranted] = useState<DelegationState | null>(null);
  const { errors, problem, busy, submit: send } = useSubmission();
  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [field]: value }));

  if (roles.length === 0) {
    return (
      <section aria-labelledby="grant-title" class="margin-top-4">
        <h2 id="grant-title">Grant a delegation</h2>
        <Empty>None of your roles ({session.person.roles.map(roleName).join(', ')}) has approvals another official can take for you.</Empty>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setGranted(null);
    const checked = check(DelegationGrantSchema, { ...draft, from: draft.from.trim(), to: draft.to.trim(), delegationId: draft.delegationId.trim() });
    const sent = await send(checked, (body, idempotencyKey) => post<DelegationState>('/delegations', body, { idempotencyKey }));
    if (sent.ok) {
      setGranted(sent.answer.body);
      setDraft(newDraft(session.person.id, roles));
    }
  };

  return (
    <section aria-labelledby="grant-title" class="margin-top-4">
      <h2 id="grant-title">Grant a delegation</h2>
      {granted?.grant && (
        <Success>
          Delegation <Link href={delegationPath(granted.grant.delegationId)}>{granted.grant.delegationId}</Link> granted: {granted.grant.to} may act as{' '}
          {roleName(granted.grant.role)} from {dayText(granted.grant.validFrom)} through {dayText(granted.grant.validUntil)}.
        </Success>
      )}
      {problem && <ProblemAlert problem={problem} heading={refusalHeading(problem, 'The delegation was not granted')} />}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)} noValidate data-testid="grant-form">
        <TextInput
          path="delegationId"
          label="Delegation id"
          hint='Letters, digits and "-"; no personal data. Suggested: a new one.'
          errors={errors}
          value={draft.delegationId}
          onInput={set('delegationId')}
          required
        />
        {mayGrantForOthers ? (
          <TextInput
            path="from"
            label="Official of record (user id)"
            hint="The official who delegates; you may grant for any official."
            errors={errors}
            value={draft.from}
            onInput={set('from')}
            required
          />
        ) : (
          <p class="margin-top-3">
            <span class="text-bold">Official of record:</span> you ({session.person.id})
          </p>
        )}
        <TextInput
          path="to"
          label="Acting official (user id)"
          hint="The person who takes the approvals, e.g. aa-acting."
          errors={errors}
          value={draft.to}
          onInput={set('to')}
          required
        />
        <SelectInput
          path="role"
          label="Role delegated"
          errors={errors}
          value={draft.role}
          onChange={set('role')}
          options={roles.map((role) => ({ value: role, label: roleName(role) }))}
          required
        />
        <ApprovalsField errors={errors} selected={draft.approvals} onChange={set('approvals')} />
        <TextInput path="validFrom" label="Valid from" type="date" errors={errors} value={draft.validFrom} onInput={set('validFrom')} required />
        <TextInput
          path="validUntil"
          label="Valid until"
          hint="Inclusive; at most 120 days after it starts."
          type="date"
          errors={errors}
          value={draft.validUntil}
          onInput={set('validUntil')}
          required
        />
        <TextInput
          path="reason"
          label="Reason"
          hint="Why an acting official is needed, e.g. leave dates."
          multiline
          errors={errors}
          value={draft.reason}
          onInput={set('reason')}
          required
        />
        <button type="submit" class="usa-button margin-top-3" disabled={busy}>
          {busy ? 'Granting…' : 'Grant delegation'}
        </button>
      </form>
    </section>
  );
};

/** The approvals the delegation covers: a group of checkboxes with its refusal above them. */
const ApprovalsField = ({ errors, selected, onChange }: { errors: FieldErrors; selected: readonly string[]; onChange: (approvals: string[]) => void }) => {
  const error = errors.approvals;
  const toggle = (approval: string, on: boolean) => onChange(DelegableApprovalSchema.options.filter((a) => (a === approval ? on : selected.includes(a))));
  return (
    <fieldset
      class={`usa-fieldset margin-top-3${error ? ' usa-form-group usa-form-group--error' : ''}`}
      aria-describedby={error ? `${fieldId('approvals')}-error` : undefined}
    >
      <legend class="usa-legend">Approvals the acting official may take</legend>
      {error && (
        <span class="usa-error-message" id={`${fieldId('approvals')}-error`} role="alert">
          {error}
        </span>
      )}
      <div class="grid-row grid-gap-sm">
        {DelegableApprovalSchema.options.map((approval) => (
          <div class="tablet:grid-col-6" key={approval}>
            <Checkbox path={`approvals.${approval}`} label={sentence(approval)} checked={selected.includes(approval)} onChange={(on) => toggle(approval, on)} />
          </div>
        ))}
      </div>
    </fieldset>
  );
};

type Standing = 'revoked' | 'in-force' | 'not-yet' | 'ended';

/** Revoked, or where today falls in its dates (expiry is not an event: the dates decide). */
const standingOf = (state: DelegationState, today: string): Standing => {
  if (state.status === 'REVOKED') return 'revoked';
  if (state.grant!.validUntil < today) return 'ended';
  return state.grant!.validFrom > today ? 'not-yet' : 'in-force';
};

const STANDING: Record<Standing, { text: string; tag: string }> = {
  revoked: { text: 'Revoked', tag: 'bg-secondary-dark' },
  'in-force': { text: 'In force', tag: 'bg-primary-dark' },
  'not-yet': { text: 'Granted, not yet started', tag: 'bg-primary-dark' },
  ended: { text: 'Ended', tag: '' },
};

export const DelegationPage = ({ params }: PageProps) => {
  const id = params.id!;
  const session = useSession();
  const can = useCan();
  const [loaded, reload] = useLoad(() => get<DelegationState>(delegationPath(id)).then((a) => a.body), [id]);
  const [revoked, setRevoked] = useState(false);
  return (
    <>
      <h1>Delegation {id}</h1>
      {loaded.state === 'loading' && <Loading what={`delegation ${id}`} />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value.grant && (
        <>
          {revoked && <Success>Delegation {id} is revoked. Both people have been notified.</Success>}
          <Terms state={loaded.value} />
          {can('delegation.revoke') &&
            standingOf(loaded.value, todayIn(loaded.value.grant?.agency)) !== 'revoked' &&
            standingOf(loaded.value, todayIn(loaded.value.grant?.agency)) !== 'ended' &&
            (session.person.id === loaded.value.grant.from || administers(session)) && (
              <RevokeForm
                id={id}
                onRevoked={() => {
                  setRevoked(true);
                  reload();
                }}
              />
            )}
        </>
      )}
      <p class="margin-top-4">
        <Link href="/delegations">Grant or look up another delegation</Link>
      </p>
    </>
  );
};

const Terms = ({ state }: { state: DelegationState }) => {
  const grant = state.grant!;
  const standing = STANDING[standingOf(state, todayIn(state.grant?.agency))];
  return (
    <table class="usa-table usa-table--borderless width-full" data-testid="delegation-terms">
      <caption>
        Terms and status of delegation {grant.delegationId}{' '}
        <span class={`usa-tag ${standing.tag} margin-left-1`} data-testid="standing">
          {standing.text}
        </span>
      </caption>
      <tbody>
        <tr>
          <th scope="row">Official of record</th>
          <td>{grant.from}</td>
        </tr>
        <tr>
          <th scope="row">Acting official</th>
          <td>{grant.to}</td>
        </tr>
        <tr>
          <th scope="row">Role</th>
          <td>{roleName(grant.role)}</td>
        </tr>
        <tr>
          <th scope="row">Approvals</th>
          <td>
            <ul class="usa-list margin-0">
              {grant.approvals.map((approval) => (
                <li key={approval}>{sentence(approval)}</li>
              ))}
            </ul>
          </td>
        </tr>
        <tr>
          <th scope="row">Valid from</th>
          <td>{dayText(grant.validFrom)}</td>
        </tr>
        <tr>
          <th scope="row">Valid until (inclusive)</th>
          <td>{dayText(grant.validUntil)}</td>
        </tr>
        <tr>
          <th scope="row">Reason</th>
          <td>{grant.reason}</td>
        </tr>
        <tr>
          <th scope="row">Granted</th>
          <td>
            by {state.grantedBy} on {instantText(state.grantedAt)}
          </td>
        </tr>
        {state.revocation && (
          <tr>
            <th scope="row">Revoked</th>
            <td>
              by {state.revocation.by} on {instantText(state.revocation.at)}: {state.revocation.reason}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
};

const RevokeForm = ({ id, onRevoked }: { id: string; onRevoked: () => void }) => {
  const [reason, setReason] = useState('');
  const { errors, problem, busy, submit: send } = useSubmission();
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(check(RevocationSchema, { reason }), (body, idempotencyKey) => post(`${delegationPath(id)}/revocation`, body, { idempotencyKey }));
    if (sent.ok) onRevoked();
  };
  return (
    <section aria-labelledby="revoke-title" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
      <h2 id="revoke-title">Revoke this delegation</h2>
      <p>The acting official may no longer take its approvals from the moment it is revoked; the official of record takes them again.</p>
      {problem && <ProblemAlert problem={problem} heading={refusalHeading(problem, 'The delegation was not revoked')} />}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)} noValidate data-testid="revoke-form">
        <TextInput path="reason" label="Reason for revoking" multiline errors={errors} value={reason} onInput={setReason} required />
        <button type="submit" class="usa-button usa-button--secondary margin-top-2" disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke delegation'}
        </button>
      </form>
    </section>
  );
};
