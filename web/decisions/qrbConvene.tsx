import { QrbBoardAssignmentSchema } from '../../domain/qrb/commands';
import { policyById } from '../../domain/policyVersions';
import { DecisionForm } from '../components/decisionForm';
import { Checkbox, SelectInput, TextInput } from '../components/fields';
import { useSession } from '../session';
import { PersonField, usePeople } from '../start/people';
import { useStoredDraft } from '../start/storedDraft';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

interface MemberDraft {
  id: string;
  agency: string;
  appointment: string;
  priorQrbExperience: boolean;
}

const APPOINTMENTS = [
  { value: 'career', label: 'Career SES' },
  { value: 'noncareer', label: 'Noncareer SES' },
  { value: 'limited', label: 'Limited term or limited emergency SES' },
];

/** OPM QRB staff convene the board: its members from the QRB members, each with agency and appointment type. */
export const QrbConveneForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const people = usePeople();
  const policy = policyById(state.policyVersion!).qrb;
  const emptyBoard = () => ({
    members: Array.from({ length: policy.boardSize }, (): MemberDraft => ({ id: '', agency: '', appointment: '', priorQrbExperience: false })),
  });
  const [draft, setDraft, clear] = useStoredDraft(draftKey(person.id, caseId, `ConveneQrbBoard-${state.round}`), emptyBoard);
  const candidateAgency = state.submission?.candidate.agency;
  // Earlier boards never sit again on a resubmitted case.
  const earlier = new Map(state.previousRounds.flatMap((round) => round.board.map((m): [string, string] => [m.id, `sat on round ${round.round}'s board`])));

  const setMember = (index: number, change: Partial<MemberDraft>) =>
    setDraft({ members: draft.members.map((m, i) => (i === index ? { ...m, ...change } : m)) });
  const prepare = () => check(QrbBoardAssignmentSchema, { convenedBy: person.id, members: draft.members });

  return (
    <DecisionForm
      id="ConveneQrbBoard"
      title={state.round > 1 ? `Convene a new board (round ${state.round})` : 'Convene the board'}
      description={
        <p>
          A board has {policy.boardSize} members
          {policy.excludeCandidateAgency && candidateAgency ? `, none from the candidate's agency (${candidateAgency})` : ''}
          {policy.distinctMemberAgencies ? ', each from a different agency' : ''}; more than half are career SES appointees.
          {earlier.size > 0 ? ` Members of an earlier board of this case (${[...earlier.keys()].join(', ')}) are not offered.` : ''} Convened by you.
        </p>
      }
      submitLabel="Convene the board"
      revision={revision}
      prepare={prepare}
      send={sender(caseId, 'board')}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => {
        const errors = scoped('board', refusals);
        return (
          <>
            {errors['board.members'] && (
              <span class="usa-error-message" role="alert">
                {errors['board.members']}
              </span>
            )}
            {draft.members.map((member, index) => {
              const chosenElsewhere = new Map(
                draft.members.filter((_, i) => i !== index && draft.members[i]!.id).map((m): [string, string] => [m.id, 'already on this board']),
              );
              const path = `board.members.${index}`;
              return (
                <fieldset class="usa-fieldset margin-top-3 border-1px border-base-lighter padding-2" key={index} data-member={index}>
                  <legend class="usa-legend text-bold">Member {index + 1}</legend>
                  <PersonField
                    path={`${path}.id`}
                    label="QRB member"
                    errors={errors}
                    required
                    roles={['qrb-member']}
                    exclude={new Map([...earlier, ...chosenElsewhere])}
                    people={people}
                    value={member.id}
                    onChange={(id) => setMember(index, { id })}
                  />
                  <TextInput
                    path={`${path}.agency`}
                    label="Member's agency"
                    hint='Agency code, e.g. "HHS".'
                    errors={errors}
                    required
                    value={member.agency}
                    onInput={(agency) => setMember(index, { agency: agency.toUpperCase() })}
                  />
                  <SelectInput
                    path={`${path}.appointment`}
                    label="Appointment type"
                    errors={errors}
                    required
                    value={member.appointment}
                    onChange={(appointment) => setMember(index, { appointment })}
                    options={APPOINTMENTS}
                  />
                  <div class="margin-top-2">
                    <Checkbox
                      path={`${path}.priorQrbExperience`}
                      label="Has sat on a QRB before"
                      checked={member.priorQrbExperience}
                      onChange={(priorQrbExperience) => setMember(index, { priorQrbExperience })}
                    />
                  </div>
                </fieldset>
              );
            })}
          </>
        );
      }}
    </DecisionForm>
  );
};
