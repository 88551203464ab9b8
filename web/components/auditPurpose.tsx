import { useState } from 'preact/hooks';
import { TextInput, type FieldErrors } from './fields';

/**
 * Why the auditor reads a case: asked once per case and kept for the browser session
 * (sessionStorage), so moving between the case's views or reloading does not ask again;
 * every read of the case sends it (X-Purpose) and the access log records it.
 */
const keyOf = (stream: string): string => `ses-audit-purpose:${stream}`;

export const storedPurpose = (stream: string): string | null => sessionStorage.getItem(keyOf(stream));

export const storePurpose = (stream: string, purpose: string | null): void => {
  if (purpose === null) sessionStorage.removeItem(keyOf(stream));
  else sessionStorage.setItem(keyOf(stream), purpose);
};

/** The question asked before anything of the case is read. */
export const PurposePrompt = ({ onAnswer }: { onAnswer: (purpose: string) => void }) => {
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const answer = purpose.trim();
    if (!answer) {
      setErrors({ purpose: 'Say why you read this case: the Privacy Act accounting of disclosures records it.' });
      return;
    }
    onAnswer(answer);
  };
  return (
    <form class="usa-form usa-form--large" onSubmit={submit} noValidate data-testid="purpose-prompt">
      <fieldset class="usa-fieldset">
        <legend class="usa-legend usa-legend--large">Why are you reading this case?</legend>
        <TextInput
          path="purpose"
          label="Purpose of this read"
          hint="Entered in the case's access log with your name for every view you open or file you export. Asked once per case in this browser session."
          errors={errors}
          required
          value={purpose}
          onInput={setPurpose}
        />
        <button type="submit" class="usa-button margin-top-2">
          Open the case
        </button>
      </fieldset>
    </form>
  );
};
