import { agencyDateOf } from '../../domain/agencyTimeZones';
import { POLICY_VERSIONS, policyById, policyInForceOn, type PolicyVersion } from '../../domain/policyVersions';
import { SelectInput, type FieldErrors } from '../components/fields';
import { dayText } from '../words';

/** Today in Washington (the server picks by the case's agency; the versions start on dates, far from any zone's edge). The clock is past the first version. */
const inForceToday = (): PolicyVersion => policyInForceOn(agencyDateOf(new Date().toISOString(), null))!;

/** The policy a new case runs under: the chosen dated version, else the one in force today. */
export const policyOf = (chosen: string): PolicyVersion => (chosen ? policyById(chosen) : inForceToday());

/** The API's query for the chosen version (none: the server takes the one in force on its own today). */
export const policyQuery = (chosen: string): string => (chosen ? `?policyVersion=${encodeURIComponent(chosen)}` : '');

/** The policy version in force, and a choice of another dated version. */
export const PolicyChoice = ({ value, onChange, errors }: { value: string; onChange: (value: string) => void; errors: FieldErrors }) => {
  const inForce = inForceToday();
  const chosen = policyOf(value);
  return (
    <>
      <div class="usa-summary-box margin-top-2" role="region" aria-labelledby="policy-in-force">
        <div class="usa-summary-box__body">
          <h2 class="usa-summary-box__heading" id="policy-in-force">
            Policy in force today: <span data-testid="policy-in-force">{inForce.id}</span>
          </h2>
          <div class="usa-summary-box__text">
            <p class="margin-y-1">
              In force since {dayText(inForce.effectiveFrom)}: {inForce.summary}.
            </p>
            {chosen.id !== inForce.id && (
              <p class="margin-y-1 text-bold" data-testid="policy-chosen">
                This case will run under {chosen.id} (from {dayText(chosen.effectiveFrom)}){chosen.whatIf ? ', a what-if version' : ''}: {chosen.summary}.
              </p>
            )}
          </div>
        </div>
      </div>
      <SelectInput
        path="policyVersion"
        label="Policy version"
        hint="A case keeps the policy it started under. Leave this as it is unless the case must run under another dated version."
        errors={errors}
        required={false}
        value={value}
        onChange={onChange}
        placeholder={`The version in force today (${inForce.id})`}
        options={POLICY_VERSIONS.filter((p) => p.id !== inForce.id).map((p) => ({
          value: p.id,
          label: `${p.id}${p.whatIf ? ' (what-if)' : ''}, from ${dayText(p.effectiveFrom)}`,
        }))}
      />
    </>
  );
};
