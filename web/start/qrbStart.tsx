import { ecqsOf } from '../../domain/ecqFrameworks';
import { QrbSubmissionSchema } from '../../domain/qrb/commands';
import { requiredEvidence } from '../../domain/qrb/decide';
import { addDays } from '../../domain/calendar';
import { ProblemAlert } from '../components/feedback';
import { RadioGroup, TextInput } from '../components/fields';
import { useSession } from '../session';
import { dayText } from '../words';
import { EVIDENCE_NAMES, EvidenceFields, FRAMEWORK_NAMES, ecqName, emptyEvidence, evidenceOf, type EvidenceDraft } from './evidenceFields';
import { PersonField, usePeople } from './people';
import { PolicyChoice, policyOf, policyQuery } from './policyChoice';
import { useStoredDraft } from './storedDraft';
import { useStart } from './useStart';

type Criterion = 'A' | 'B' | 'C';

interface QrbDraft {
  caseId: string;
  candidate: { name: string; agency: string };
  position: { title: string; agency: string; announcementClosedOn: string };
  criterion: Criterion | '';
  evidence: EvidenceDraft;
  selectingOfficialId: string;
  policyVersion: string;
}

const emptyQrbDraft = (): QrbDraft => ({
  caseId: '',
  candidate: { name: '', agency: '' },
  position: { title: '', agency: '', announcementClosedOn: '' },
  criterion: '',
  evidence: emptyEvidence(),
  selectingOfficialId: '',
  policyVersion: '',
});

const CRITERIA: { value: Criterion; label: string; description: string }[] = [
  { value: 'A', label: 'Criterion A: demonstrated executive experience', description: 'The candidate shows the ECQs through their experience.' },
  {
    value: 'B',
    label: 'Criterion B: Candidate Development Program graduate',
    description: 'The candidate completed an OPM-approved SES Candidate Development Program.',
  },
  {
    value: 'C',
    label: 'Criterion C: special or unique qualities',
    description: 'The candidate has qualities that show executive potential, with a development plan.',
  },
];

/** The HR specialist's QRB submission: candidate, position, criterion, and the evidence the criterion needs under the case's policy and ECQ framework. */
export const QrbStartForm = () => {
  const { person } = useSession();
  const people = usePeople();
  const [draft, setDraft, clear] = useStoredDraft<QrbDraft>(`ses-start:${person.id}:qrb`, emptyQrbDraft);
  const { errors, problem, busy, start } = useStart('qrb', QrbSubmissionSchema);

  const policy = policyOf(draft.policyVersion);
  const framework = policy.qrb.ecqFramework;
  const ecqs = ecqsOf(framework);
  const evidenceKind = draft.criterion ? requiredEvidence(draft.criterion, policy) : null;
  const closedOn = draft.position.announcementClosedOn;

  const submit = (event: Event) => {
    event.preventDefault();
    const body = {
      caseId: draft.caseId,
      candidate: draft.candidate,
      // A Criterion B case may leave the closing date out: it has no vacancy window.
      position: { ...draft.position, announcementClosedOn: closedOn || undefined },
      criterion: draft.criterion,
      evidence: evidenceKind ? evidenceOf(evidenceKind, ecqs, draft.evidence) : undefined,
      submittedBy: person.id,
      selectingOfficialId: draft.selectingOfficialId,
    };
    void start(body, policyQuery(draft.policyVersion), clear);
  };

  return (
    <>
      <PolicyChoice value={draft.policyVersion} onChange={(policyVersion) => setDraft({ ...draft, policyVersion })} errors={errors} />
      {problem && <ProblemAlert problem={problem} heading={problem.status === 400 || problem.status === 422 ? 'The case was not submitted' : undefined} />}
      <form class="usa-form usa-form--large maxw-tablet-lg" onSubmit={submit} noValidate aria-label="QRB case">
        <TextInput
          path="caseId"
          label="Case id"
          hint='Ids only, no names: e.g. "QRB-2026-0001".'
          errors={errors}
          required
          value={draft.caseId}
          onInput={(caseId) => setDraft({ ...draft, caseId })}
        />

        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend usa-legend--large">Candidate</legend>
          <TextInput
            path="candidate.name"
            label="Candidate's name"
            errors={errors}
            required
            value={draft.candidate.name}
            onInput={(name) => setDraft({ ...draft, candidate: { ...draft.candidate, name } })}
          />
          <TextInput
            path="candidate.agency"
            label="Candidate's agency"
            hint='Agency code, e.g. "DOE".'
            errors={errors}
            required
            value={draft.candidate.agency}
            onInput={(agency) => setDraft({ ...draft, candidate: { ...draft.candidate, agency: agency.toUpperCase() } })}
          />
        </fieldset>

        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend usa-legend--large">Position</legend>
          <TextInput
            path="position.title"
            label="Position title"
            errors={errors}
            required
            value={draft.position.title}
            onInput={(title) => setDraft({ ...draft, position: { ...draft.position, title } })}
          />
          <TextInput
            path="position.agency"
            label="Position's agency"
            hint='Agency code, e.g. "DOE".'
            errors={errors}
            required
            value={draft.position.agency}
            onInput={(agency) => setDraft({ ...draft, position: { ...draft.position, agency: agency.toUpperCase() } })}
          />
          <TextInput
            path="position.announcementClosedOn"
            label="Vacancy announcement closed on"
            hint={
              draft.criterion === 'B'
                ? 'A Criterion B (CDP graduate) case fills no vacancy and has no submission window: leave this empty unless there was an announcement.'
                : `Under ${policy.id} a case goes to OPM within ${policy.qrb.submissionWindowDays} days of this date, counted in the position agency's days${/^\d{4}-\d{2}-\d{2}$/.test(closedOn) ? `: by ${dayText(addDays(closedOn, policy.qrb.submissionWindowDays))}` : ''}.`
            }
            type="date"
            errors={errors}
            required={draft.criterion !== 'B'}
            value={closedOn}
            onInput={(announcementClosedOn) => setDraft({ ...draft, position: { ...draft.position, announcementClosedOn } })}
          />
        </fieldset>

        <RadioGroup
          path="criterion"
          legend="Criterion"
          errors={errors}
          tile
          value={draft.criterion}
          onChange={(criterion) => setDraft({ ...draft, criterion: criterion as Criterion })}
          options={CRITERIA}
        />

        <fieldset class="usa-fieldset margin-top-3" data-testid="evidence">
          <legend class="usa-legend usa-legend--large">Evidence</legend>
          <p class="usa-hint margin-top-1">
            ECQ framework of this case:{' '}
            <span class="text-bold" data-testid="framework">
              {FRAMEWORK_NAMES[framework]}
            </span>{' '}
            ({framework}, set by policy {policy.id}): {ecqs.map(ecqName).join('; ')}.
          </p>
          {evidenceKind ? (
            <>
              <p class="margin-y-1" data-testid="evidence-needed">
                A Criterion {draft.criterion} case under {policy.id} carries {EVIDENCE_NAMES[evidenceKind]}.
              </p>
              <EvidenceFields
                kind={evidenceKind}
                ecqs={ecqs}
                draft={draft.evidence}
                onChange={(evidence) => setDraft({ ...draft, evidence })}
                errors={errors}
                prefix="evidence"
              />
            </>
          ) : (
            <p class={errors.evidence ? 'usa-error-message' : 'text-base-dark margin-y-1'}>Choose a criterion first: the evidence asked for depends on it.</p>
          )}
        </fieldset>

        <PersonField
          path="selectingOfficialId"
          label="Selecting official"
          hint="Who selected the candidate; not you."
          errors={errors}
          required
          roles={['appointing-authority', 'supervisor']}
          people={people}
          value={draft.selectingOfficialId}
          onChange={(selectingOfficialId) => setDraft({ ...draft, selectingOfficialId })}
        />

        <p class="margin-top-3" data-testid="submitted-by">
          Submitted by you{person.name ? `, ${person.name}` : ''} ({person.id}).
        </p>
        <div class="margin-top-2">
          <button type="submit" class="usa-button" disabled={busy}>
            {busy ? 'Submitting…' : 'Submit to OPM'}
          </button>
          <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={() => confirm('Clear every entry of this form?') && clear()}>
            Clear the form
          </button>
        </div>
      </form>
    </>
  );
};
