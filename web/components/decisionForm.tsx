import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldErrors } from './fields';
import { ProblemAlert } from './feedback';
import { useSubmission, type Checked } from './useSubmission';

interface DecisionFormProps {
  /** The element id (the inbox links to `?decide=<action>`; the page scrolls here). */
  id: string;
  title: string;
  description?: ComponentChildren;
  submitLabel: string;
  /** A decision that ends the case (withdraw, remove): its button is drawn in the warning colour. */
  ending?: boolean;
  /** The case revision the person is looking at: the decision is sent with If-Match on it. */
  revision: number;
  /** The body from what the person entered, checked with the server's own zod schema; or the fields to fix. */
  prepare: () => Checked<unknown>;
  /** Sends it (post(path, body, {ifMatch, idempotencyKey})). */
  send: (body: unknown, options: { ifMatch: number; idempotencyKey: string }) => Promise<unknown>;
  /** The API names fields as the body has them; this wrapper (e.g. "action.") is not shown in the form. */
  fieldPrefix?: string;
  /** Recorded: the page reloads the case. */
  onDecided: () => void;
  /** The case moved on since `revision`: the page reloads it and says, in words, what changed after `revision`. */
  onStale: (revision: number) => Promise<string[]>;
  /** The fields, given the refusals to show next to them. */
  children: (errors: FieldErrors) => ComponentChildren;
}

/**
 * One decision on a case: checked in the browser first, sent with the revision it
 * was made on, refused with the rule next to the field, and never recorded on a
 * state the person did not see: if the case changed meanwhile, the page shows what
 * changed, keeps what was entered, and asks for the decision again.
 */
export const DecisionForm = (props: DecisionFormProps) => {
  const { errors, problem, busy, submit: send } = useSubmission(props.fieldPrefix);
  const [changes, setChanges] = useState<string[] | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(props.prepare(), (body, idempotencyKey) => props.send(body, { ifMatch: props.revision, idempotencyKey }));
    if (sent.ok) {
      setChanges(null);
      props.onDecided();
    } else if (sent.problem.status === 412) {
      setChanges(await props.onStale(props.revision).catch(() => []));
    }
  };

  return (
    <section class="margin-top-4 border-top-1px border-base-lighter padding-top-2" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.description && <div class="usa-prose">{props.description}</div>}
      {problem?.status === 412 ? (
        <div class="usa-alert usa-alert--warning margin-y-2" role="alert" data-rule={problem.rule}>
          <div class="usa-alert__body">
            <h4 class="usa-alert__heading">The case changed since you opened it</h4>
            <p class="usa-alert__text">Nothing was recorded. The page now shows the case as it stands; your entries are kept. Review them and decide again.</p>
            {changes && changes.length > 0 && (
              <>
                <p class="usa-alert__text">What changed:</p>
                <ul class="usa-list" data-testid="changes">
                  {changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>
      ) : (
        problem && <ProblemAlert problem={problem} />
      )}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)} noValidate>
        {props.children(errors)}
        <button type="submit" class={`usa-button margin-top-3${props.ending ? ' usa-button--secondary' : ''}`} disabled={busy}>
          {busy ? 'Sending…' : props.submitLabel}
        </button>
      </form>
    </section>
  );
};
