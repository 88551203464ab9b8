import { agencyDateOf } from '../../domain/agencyTimeZones';
import { QrbAppointmentSchema } from '../../domain/qrb/commands';
import { qrbAgency } from '../../domain/qrb/state';
import type { Role } from '../../domain/roles';
import { DecisionForm } from '../components/decisionForm';
import { SchemaFields, emptyDraft, valueOf, type CustomInput, type Draft } from '../components/schemaForm';
import { useSession } from '../session';
import { PersonField, usePeople } from '../start/people';
import { useStoredDraft } from '../start/storedDraft';
import { dayText } from '../words';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

const PEOPLE: Record<string, readonly Role[]> = {
  'appointment.executiveId': ['executive'],
  'appointment.supervisorId': ['supervisor'],
  'appointment.appointingAuthorityId': ['appointing-authority'],
};

/** After the approval, the HR specialist records the career appointment: it starts probation and onboarding under the appointment's id. */
export const QrbAppointmentForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const people = usePeople();
  const [draft, setDraft, clear] = useStoredDraft<Draft>(draftKey(person.id, caseId, 'RecordQrbAppointment'), () => emptyDraft(QrbAppointmentSchema));
  // The approval's date in the position's agency's days, the day the decider checks the effective date against.
  const decidedAt = state.decision?.decidedAt;
  const approvedOn = decidedAt && agencyDateOf(decidedAt, qrbAgency(state));
  const inputs = Object.fromEntries(
    Object.entries(PEOPLE).map(([path, roles]) => [path, (field: CustomInput) => <PersonField {...field} roles={roles} people={people} />]),
  );

  return (
    <DecisionForm
      id="RecordQrbAppointment"
      title="Record the appointment"
      description={
        <p>
          The board approved the case on {dayText(approvedOn)}. Recording the career appointment starts the executive's probationary period and onboarding
          program, both under the appointment id. Recorded by you.
        </p>
      }
      submitLabel="Record the appointment"
      revision={revision}
      prepare={() => check(QrbAppointmentSchema, { ...valueOf(QrbAppointmentSchema, draft), recordedBy: person.id })}
      send={sender(caseId, 'appointment')}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => (
        <SchemaFields
          schema={QrbAppointmentSchema}
          draft={draft}
          onChange={setDraft}
          errors={scoped('appointment', refusals)}
          omit={['recordedBy']}
          prefix="appointment"
          inputs={inputs}
          labels={{
            'appointment.appointmentId': { label: 'Appointment id', hint: 'E.g. "EX-1042-1": the probation and onboarding cases take it as theirs.' },
            'appointment.executiveId': { label: 'Executive', hint: 'The appointee, as a user of this system.' },
            'appointment.effectiveDate': { label: 'Effective date', hint: `On or after the approval (${dayText(approvedOn)}): day 1 of probation.` },
            'appointment.supervisorId': { label: 'Supervisor', hint: 'Assesses the executive during probation.' },
            'appointment.appointingAuthorityId': { label: 'Appointing authority', hint: 'Certifies the probation at its end.' },
            'appointment.priorTenure': { label: 'Tenure before entering the SES' },
          }}
        />
      )}
    </DecisionForm>
  );
};
