import type { z } from 'zod';
import { OnboardingStartSchema } from '../../domain/onboarding/commands';
import { ProbationStartSchema } from '../../domain/probation/commands';
import type { Role } from '../../domain/roles';
import { RotationStartSchema } from '../../domain/rotation/commands';
import { ProblemAlert } from '../components/feedback';
import { SchemaFields, emptyDraft, valueOf, type CustomInput, type Draft } from '../components/schemaForm';
import { useSession } from '../session';
import { PersonField, usePeople, type Person } from './people';
import { PolicyChoice, policyQuery } from './policyChoice';
import { useStoredDraft } from './storedDraft';
import { useStart } from './useStart';

interface ProcessForm {
  schema: z.ZodType;
  labels: Record<string, { label?: string; hint?: string }>;
  /** Fields naming a person: chosen from the people of these roles. */
  people: Record<string, readonly Role[]>;
  submitLabel: string;
}

const APPOINTMENT_LABELS = {
  caseId: { label: 'Appointment id', hint: 'The appointment\'s id, e.g. "EX-1042-1"; ids only, no names.' },
  executiveId: { label: 'Executive' },
  agency: { label: 'Agency', hint: 'Agency code, e.g. "DOE".' },
};

/** The three processes whose start is drawn from their schema (the QRB case has its own form). */
export const PROCESS_FORMS: Record<'probation' | 'onboarding' | 'rotation', ProcessForm> = {
  probation: {
    schema: ProbationStartSchema,
    labels: {
      ...APPOINTMENT_LABELS,
      appointmentEffectiveDate: { label: 'Appointment effective date', hint: 'Of the initial career SES appointment: day 1 of the probationary period.' },
      criterion: { label: 'QRB criterion', hint: 'The criterion the executive was certified under.' },
      developmentActivities: {
        label: 'Development activities',
        hint: 'Criterion C only: the development promised to the QRB, one per line; the assessment must address each.',
      },
      priorTenure: { label: 'Tenure before entering the SES', hint: 'Decides placement rights if the executive is removed for performance.' },
      supervisorId: { label: 'Supervisor', hint: 'Assesses the executive during the period.' },
      appointingAuthorityId: { label: 'Appointing authority', hint: 'Certifies (or removes) at the end of the period.' },
    },
    people: { executiveId: ['executive'], supervisorId: ['supervisor'], appointingAuthorityId: ['appointing-authority'] },
    submitLabel: 'Start the probationary period',
  },
  onboarding: {
    schema: OnboardingStartSchema,
    labels: {
      ...APPOINTMENT_LABELS,
      appointmentEffectiveDate: { label: 'Appointment effective date', hint: 'Day 0 of the program: every milestone is due counting from it.' },
      reason: { label: 'Reason', hint: 'Why the executive is onboarded.' },
    },
    people: { executiveId: ['executive'] },
    submitLabel: 'Start onboarding',
  },
  rotation: {
    schema: RotationStartSchema,
    labels: {
      caseId: { label: 'Case id', hint: 'E.g. "ROT-2026-0007"; ids only, no names.' },
      cohortId: { label: 'Cohort', hint: 'E.g. "PMC-IRP-2026-C1".' },
      participant: { label: 'Participant' },
      'participant.id': { label: 'Employee', hint: 'The GS-15 employee taking part.' },
      'participant.homeAgency': { label: 'Home agency', hint: 'Agency code, e.g. "DOE".' },
      'participant.grade': { label: 'Pay plan and grade', hint: 'E.g. "GS-15".' },
      'participant.careerTenure': { label: 'Has career or career-conditional tenure' },
      'participant.monthsFullTimeService': { label: 'Months of full-time federal service' },
      'participant.lastRatingLevel': { label: 'Last rating of record (1-5)', hint: '4 = exceeds fully successful; 5 = outstanding.' },
    },
    people: { 'participant.id': ['employee'] },
    submitLabel: 'Open the rotation case',
  },
};

const personInputs = (roles: Record<string, readonly Role[]>, people: Person[] | null | undefined) =>
  Object.fromEntries(Object.entries(roles).map(([path, of]) => [path, (field: CustomInput) => <PersonField {...field} roles={of} people={people} />]));

/** A probation, onboarding or rotation start: the server's schema drawn as a form, started by the signed-in person. */
export const ProcessStartForm = ({ process }: { process: keyof typeof PROCESS_FORMS }) => {
  const { person } = useSession();
  const people = usePeople();
  const form = PROCESS_FORMS[process];
  const [stored, setStored, clear] = useStoredDraft<{ fields: Draft; policyVersion: string }>(`ses-start:${person.id}:${process}`, () => ({
    fields: emptyDraft(form.schema),
    policyVersion: '',
  }));
  const { errors, problem, busy, start } = useStart(process, form.schema);

  const submit = (event: Event) => {
    event.preventDefault();
    void start({ ...valueOf(form.schema, stored.fields), startedBy: person.id }, policyQuery(stored.policyVersion), clear);
  };

  return (
    <>
      <PolicyChoice value={stored.policyVersion} onChange={(policyVersion) => setStored({ ...stored, policyVersion })} errors={errors} />
      {problem && <ProblemAlert problem={problem} heading={problem.status === 400 || problem.status === 422 ? 'The case was not started' : undefined} />}
      <form class="usa-form usa-form--large maxw-tablet-lg" onSubmit={submit} noValidate aria-label={`${process} case`}>
        <SchemaFields
          schema={form.schema}
          draft={stored.fields}
          onChange={(fields) => setStored({ ...stored, fields })}
          errors={errors}
          omit={['startedBy']}
          labels={form.labels}
          inputs={personInputs(form.people, people)}
        />
        <p class="margin-top-3" data-testid="started-by">
          Started by you{person.name ? `, ${person.name}` : ''} ({person.id}).
        </p>
        <div class="margin-top-2">
          <button type="submit" class="usa-button" disabled={busy}>
            {busy ? 'Starting…' : form.submitLabel}
          </button>
          <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={() => confirm('Clear every entry of this form?') && clear()}>
            Clear the form
          </button>
        </div>
      </form>
    </>
  );
};
