import type { EcqFrameworkId } from '../../domain/ecqFrameworks';
import type { Evidence, EvidenceKind } from '../../domain/qrb/evidence';
import { TextInput, type FieldErrors } from '../components/fields';
import { sentence } from '../words';

/** What the person typed for every kind of evidence: switching criterion or policy keeps the others' text. */
export interface EvidenceDraft {
  resume: string;
  narratives: Record<string, string>;
  programName: string;
  certificateId: string;
  completedOn: string;
  justification: string;
  developmentPlan: string;
}

export const emptyEvidence = (): EvidenceDraft => ({
  resume: '',
  narratives: {},
  programName: '',
  certificateId: '',
  completedOn: '',
  justification: '',
  developmentPlan: '',
});

/** A case's evidence as a draft to revise (a resubmission starts from what the board saw). */
export const evidenceDraftOf = (evidence: Evidence | null): EvidenceDraft => {
  const draft = emptyEvidence();
  if (!evidence) return draft;
  const { kind: _kind, ...fields } = evidence;
  return { ...draft, ...fields };
};

/** The evidence body of the kind the criterion needs: narratives for exactly the framework's ECQs (empty ones are refused by the schema). */
export const evidenceOf = (kind: EvidenceKind, ecqs: readonly string[], draft: EvidenceDraft): Evidence => {
  switch (kind) {
    case 'ecq-narratives':
      return { kind, narratives: Object.fromEntries(ecqs.map((ecq) => [ecq, draft.narratives[ecq] ?? ''])) };
    case 'resume-and-interview':
      return { kind, resume: draft.resume };
    case 'cdp-certificate':
      return { kind, programName: draft.programName, certificateId: draft.certificateId, completedOn: draft.completedOn };
    case 'criterion-c-justification':
      return { kind, justification: draft.justification, developmentPlan: draft.developmentPlan };
  }
};

export const EVIDENCE_NAMES: Record<EvidenceKind, string> = {
  'ecq-narratives': 'a narrative for each ECQ',
  'resume-and-interview': 'a resume (the structured interview follows at OPM)',
  'cdp-certificate': "the Candidate Development Program's OPM certificate",
  'criterion-c-justification': 'a justification and a development plan',
};

export const FRAMEWORK_NAMES: Record<EcqFrameworkId, string> = { 'ecq-2006': 'ECQs of 2006', 'ecq-2025': 'ECQs of 2025' };

/** An ECQ id as people say it: "commitment-to-rule-of-law-and-founding-principles" → "Commitment to rule of law and founding principles". */
export const ecqName = (ecq: string): string => sentence(ecq);

interface EvidenceFieldsProps {
  kind: EvidenceKind;
  ecqs: readonly string[];
  draft: EvidenceDraft;
  onChange: (draft: EvidenceDraft) => void;
  errors: FieldErrors;
  /** Where the evidence sits in the body: its fields' paths (and the API's refusals) are under it. */
  prefix: string;
}

/** The evidence the case's criterion needs under its policy: the form changes with criterion and framework. */
export const EvidenceFields = ({ kind, ecqs, draft, onChange, errors, prefix }: EvidenceFieldsProps) => {
  const set = (field: Exclude<keyof EvidenceDraft, 'narratives'>) => (value: string) => onChange({ ...draft, [field]: value });
  const common = (field: string) => ({ path: `${prefix}.${field}`, errors, required: true });
  switch (kind) {
    case 'ecq-narratives':
      return (
        <>
          {ecqs.map((ecq, index) => (
            <TextInput
              key={ecq}
              {...common(`narratives.${ecq}`)}
              label={`ECQ ${index + 1}: ${ecqName(ecq)}`}
              hint="The candidate's narrative for this ECQ: challenge, context, action, result."
              multiline
              value={draft.narratives[ecq] ?? ''}
              onInput={(value) => onChange({ ...draft, narratives: { ...draft.narratives, [ecq]: value } })}
            />
          ))}
        </>
      );
    case 'resume-and-interview':
      return (
        <TextInput
          {...common('resume')}
          label="Resume"
          hint="The candidate's resume of at most two pages, as text. Under this policy the ECQs are assessed by resume and a structured interview, not narratives."
          multiline
          value={draft.resume}
          onInput={set('resume')}
        />
      );
    case 'cdp-certificate':
      return (
        <>
          <TextInput
            {...common('programName')}
            label="Candidate Development Program"
            hint="The OPM-approved SES CDP the candidate graduated from."
            value={draft.programName}
            onInput={set('programName')}
          />
          <TextInput
            {...common('certificateId')}
            label="Certificate number"
            hint="As on OPM's certification of the ECQs."
            value={draft.certificateId}
            onInput={set('certificateId')}
          />
          <TextInput {...common('completedOn')} label="Program completed on" type="date" value={draft.completedOn} onInput={set('completedOn')} />
        </>
      );
    case 'criterion-c-justification':
      return (
        <>
          <TextInput
            {...common('justification')}
            label="Justification"
            hint="The special or unique qualities that show the candidate's executive potential."
            multiline
            value={draft.justification}
            onInput={set('justification')}
          />
          <TextInput
            {...common('developmentPlan')}
            label="Development plan"
            hint="The development the candidate will complete; the probation assessment must address it."
            multiline
            value={draft.developmentPlan}
            onInput={set('developmentPlan')}
          />
        </>
      );
  }
};
