import { useState } from 'preact/hooks';
import { POLICY_VERSIONS, PolicyVersionIdSchema } from '../../domain/policyVersions';
import type { WhatIfResult, WhatIfRun } from '../../domain/whatIf';
import { get, type Problem } from '../api';
import { DifferencesTable, StateTable } from './auditValue';
import { Loading, ProblemAlert, Success } from './feedback';
import { SelectInput, TextInput, type FieldErrors } from './fields';
import { problemOf } from './useLoad';
import { instantText, sentence } from '../words';

const statusOf = (state: unknown): string | null =>
  state !== null && typeof state === 'object' && typeof (state as { status?: unknown }).status === 'string' ? (state as { status: string }).status : null;

/** One side of the comparison: the events the run produced, where it ended, and its whole state on request. */
const Run = ({ title, run }: { title: string; run: WhatIfRun }) => (
  <div class="tablet:grid-col-6" data-testid="what-if-run">
    <h3>{title}</h3>
    {statusOf(run.state) && (
      <p>
        Ends in status <span class="usa-tag bg-base-lighter text-ink">{sentence(statusOf(run.state)!)}</span>
      </p>
    )}
    {run.events.length === 0 ? (
      <p>No event.</p>
    ) : (
      <ol class="usa-list" aria-label={`${title}: events`}>
        {run.events.map((event, index) => (
          <li key={index}>
            {sentence(event.type)} <span class="text-base-dark">({instantText(event.occurredAt)})</span>
          </li>
        ))}
      </ol>
    )}
    <details class="margin-top-2">
      <summary>The case's fields at the end</summary>
      <StateTable state={run.state} caption={`${title}: the case's fields at the end`} />
    </details>
  </div>
);

/** The case's recorded inputs re-run under another policy version, beside the record. */
export const AuditWhatIf = ({ stream, purpose }: { stream: string; purpose: string }) => {
  const [policyVersion, setPolicyVersion] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<WhatIfResult | 'running' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const run = async (event: Event) => {
    event.preventDefault();
    const version = PolicyVersionIdSchema.safeParse(policyVersion);
    const untilInstant = until ? new Date(until) : null;
    const found: FieldErrors = {
      ...(version.success ? {} : { 'policy-version': 'Choose the policy version to re-run the case under.' }),
      ...(untilInstant && Number.isNaN(untilInstant.getTime()) ? { until: 'Give a date and time, or leave it empty for now.' } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setProblem(null);
    setResult('running');
    const query = new URLSearchParams({ policyVersion, ...(untilInstant ? { until: untilInstant.toISOString() } : {}) });
    try {
      setResult((await get<WhatIfResult>(`/audit/streams/${encodeURIComponent(stream)}/what-if?${query}`, { purpose })).body);
    } catch (error) {
      setResult(null);
      setProblem(problemOf(error));
    }
  };

  return (
    <>
      <form class="usa-form maxw-none" onSubmit={(event) => void run(event)} noValidate>
        <SelectInput
          path="policy-version"
          label="Policy version"
          errors={errors}
          required
          value={policyVersion}
          onChange={setPolicyVersion}
          options={POLICY_VERSIONS.map((p) => ({ value: p.id, label: `${p.id} (from ${p.effectiveFrom}): ${p.summary}` }))}
        />
        <TextInput
          path="until"
          label="Run until"
          hint="Your local date and time; empty: until now. Timers due by then fire."
          type="datetime-local"
          errors={errors}
          required={false}
          value={until}
          onInput={setUntil}
        />
        <button type="submit" class="usa-button margin-top-2" disabled={result === 'running'}>
          Run the what-if
        </button>
      </form>
      {problem && <ProblemAlert problem={problem} />}
      {result === 'running' && <Loading what="the what-if" />}
      {result && result !== 'running' && (
        <section aria-label="What-if result" data-testid="what-if">
          <p class="margin-top-3">
            Recorded under <code>{result.policyVersion.recorded ?? 'no version'}</code>, re-run under <code>{result.policyVersion.whatIf}</code>, until{' '}
            {instantText(result.until)}.
          </p>
          <div class="grid-row grid-gap-lg">
            <Run title={`Recorded (${result.policyVersion.recorded ?? 'no version'})`} run={result.recorded} />
            <Run title={`What-if (${result.policyVersion.whatIf})`} run={result.whatIf} />
          </div>
          <h3>Inputs refused under {result.policyVersion.whatIf}</h3>
          {result.refusedInputs.length === 0 ? (
            <p>None: every recorded input is accepted under this version.</p>
          ) : (
            <table class="usa-table usa-table--compact width-full" data-testid="refused-inputs">
              <caption>Recorded inputs the decider refuses under {result.policyVersion.whatIf}; the re-run went on without them</caption>
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  <th scope="col">At</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {result.refusedInputs.map((input, index) => (
                  <tr key={index}>
                    <th scope="row">{sentence(input.type)}</th>
                    <td>{instantText(input.at)}</td>
                    <td>
                      <code>{input.rule}</code>
                    </td>
                    <td>{input.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Differences</h3>
          {result.differences.length === 0 ? (
            <Success>The case ends the same under both versions.</Success>
          ) : (
            <DifferencesTable
              caption={`${result.differences.length} field${result.differences.length === 1 ? '' : 's'} end differently`}
              left="Recorded"
              right="What-if"
              rows={result.differences.map((d) => ({ path: d.path, left: d.recorded, right: d.whatIf }))}
            />
          )}
        </section>
      )}
    </>
  );
};
