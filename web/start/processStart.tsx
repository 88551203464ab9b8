import type { Role } from '../../domain/roles';
import { processNamed } from '../../domain/processes';
import { ProblemAlert } from '../components/feedback';
import { SchemaFields, emptyDraft, fieldLabelOf, valueOf, type CustomInput, type Draft } from '../components/schemaForm';
import { useSession } from '../session';
import { PersonField, usePeople, type Person } from './people';
import { PolicyChoice, policyQuery } from './policyChoice';
import { useStoredDraft } from './storedDraft';
import { useStart } from './useStart';

interface ProcessForm {
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

/** The words of the starts drawn from their schema (the QRB case has its own form); a process without an entry gets its schema's field names. */
const PROCESS_FORMS: Record<string, ProcessForm> = {
  probation: {
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
    labels: {
      ...APPOINTMENT_LABELS,
      appointmentEffectiveDate: { label: 'Appointment effective date', hint: 'Day 0 of the program: every milestone is due counting from it.' },
      reason: { label: 'Reason', hint: 'Why the executive is onboarded.' },
    },
    people: { executiveId: ['executive'] },
    submitLabel: 'Start onboarding',
  },
  rotation: {
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
  appraisal: {
    labels: {
      caseId: { label: 'Case id', hint: 'One executive, one period, e.g. "APR-FY2026-EX1042"; ids only, no names.' },
      executiveId: { label: 'Executive', hint: 'The senior executive appraised.' },
      agency: { label: 'Agency', hint: 'Agency code, e.g. "DOE".' },
      appointmentType: {
        label: 'Type of SES appointment',
        hint: 'Career appointees cannot be rated in the 120 days after a new administration begins, and need a career majority on the PRB.',
      },
      period: { label: 'Appraisal period', hint: "The agency's appraisal cycle, usually the fiscal year." },
      'period.cycle': { label: 'Cycle', hint: 'E.g. "FY2026".' },
      'period.start': { label: 'First day of the period' },
      'period.end': { label: 'Last day of the period' },
      appraisedFrom: {
        label: 'Appraised from',
        hint: 'Only when the executive entered the position after the period began: the first day they are appraised in it.',
      },
      supervisorId: { label: 'Rating official (supervisor)', hint: 'Sets the performance plan, holds the progress review and gives the initial rating.' },
      appointingAuthorityId: { label: 'Appointing authority', hint: "Gives the final rating after the Performance Review Board's recommendation." },
      supervisorOf: {
        label: 'People the executive supervises',
        hint: "User ids, one per line: none of them may sit on the board that reviews the executive's rating.",
      },
      administrationBeganOn: {
        label: 'New administration began on',
        hint: 'Only when a new Presidential administration began during or shortly before the period: no career appointee is rated in the 120 days after.',
      },
      priorFinalRatings: {
        label: 'Final ratings of earlier periods',
        hint: 'Two unsatisfactory ratings within 5 years, or two below fully successful within 3 years, require removal from the SES. Leave empty when there are none.',
      },
      'priorFinalRatings.*': { label: 'Earlier rating' },
      'priorFinalRatings.*.periodEnd': { label: 'Last day of that period' },
      'priorFinalRatings.*.level': {
        label: 'Final summary level (1-5)',
        hint: '1 = unsatisfactory, 2 = minimally satisfactory, 3 = fully successful, 5 = outstanding.',
      },
    },
    people: { executiveId: ['executive'], supervisorId: ['supervisor'], appointingAuthorityId: ['appointing-authority'] },
    submitLabel: 'Start the appraisal',
  },
  reassignment: {
    labels: {
      caseId: { label: 'Case id', hint: 'E.g. "RA-2026-0003"; ids only, no names.' },
      executiveId: { label: 'Executive', hint: 'The senior executive reassigned.' },
      agency: { label: 'Agency', hint: 'Agency code, e.g. "DOE".' },
      kind: {
        label: 'Kind of reassignment',
        hint: "Directed: the agency's decision, held back by the 120-day moratorium after a new agency head or supervisor. Voluntary: at the executive's own request, not held back.",
      },
      toPositionId: { label: 'New SES position', hint: 'The position\'s id, e.g. "DOE-SES-0412".' },
      withinCommutingArea: {
        label: 'The new position is within the commuting area',
        hint: "Within it: 15 days' written notice. Outside it: a consultation with the executive first, then 60 days' written notice with the reasons.",
      },
      appointingAuthorityId: { label: 'Appointing authority', hint: 'Directs the reassignment: consults the executive and gives the written notice.' },
      followsUnsatisfactoryRating: {
        label: 'Follows an unsatisfactory final rating',
        hint: 'Only when the reassignment follows an unsatisfactory final rating (an exception to the moratorium): fill in both, or leave both empty.',
      },
      'followsUnsatisfactoryRating.appraisalCaseId': { label: 'Appraisal case id', hint: 'The appraisal case that gave the rating, e.g. "APR-FY2026-EX1042".' },
      'followsUnsatisfactoryRating.finalRatingIssuedOn': { label: 'Final rating given on' },
      disciplinaryActionBegunOn: {
        label: 'Disciplinary action begun on',
        hint: 'Only when a disciplinary action against the executive has begun (an exception to the moratorium for changes after that day).',
      },
    },
    people: { executiveId: ['executive'], appointingAuthorityId: ['appointing-authority'] },
    submitLabel: 'Start the reassignment',
  },
};

const personInputs = (roles: Record<string, readonly Role[]>, people: Person[] | null | undefined) =>
  Object.fromEntries(Object.entries(roles).map(([path, of]) => [path, (field: CustomInput) => <PersonField {...field} roles={of} people={people} />]));

/** A process's start drawn from its schema, started by the signed-in person (named in the start's starterField). */
export const ProcessStartForm = ({ process }: { process: string }) => {
  const { person } = useSession();
  const people = usePeople();
  const { startSchema: schema, starterField } = processNamed(process)!;
  const form = (Object.hasOwn(PROCESS_FORMS, process) ? PROCESS_FORMS[process] : undefined) ?? { labels: {}, people: {}, submitLabel: 'Start the case' };
  const [stored, setStored, clear] = useStoredDraft<{ fields: Draft; policyVersion: string }>(`ses-start:${person.id}:${process}`, () => ({
    fields: emptyDraft(schema),
    policyVersion: '',
  }));
  const { errors, problem, busy, start } = useStart(process, schema);

  const submit = (event: Event) => {
    event.preventDefault();
    void start({ ...valueOf(schema, stored.fields), [starterField]: person.id }, policyQuery(stored.policyVersion), clear);
  };

  return (
    <>
      <PolicyChoice value={stored.policyVersion} onChange={(policyVersion) => setStored({ ...stored, policyVersion })} errors={errors} />
      {problem && (
        <ProblemAlert
          problem={problem}
          heading={problem.status === 400 || problem.status === 422 ? 'The case was not started' : undefined}
          fieldName={(field) => fieldLabelOf(schema, field, form.labels)}
        />
      )}
      <form class="usa-form usa-form--large maxw-tablet-lg" onSubmit={submit} noValidate aria-label={`${process} case`}>
        <SchemaFields
          schema={schema}
          draft={stored.fields}
          onChange={(fields) => setStored({ ...stored, fields })}
          errors={errors}
          omit={[starterField]}
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
