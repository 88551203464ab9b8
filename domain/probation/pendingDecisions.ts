import { addDays } from '../calendar';
import type { PendingDecision } from '../pendingDecision';
import type { ProbationState } from './state';

/**
 * Who must act next on a probation case, all due by the end date: the supervisor's
 * assessment comes first, then the appointing authority's certification (317.503(a)).
 * An unfavourable assessment leaves a new assessment or, while the period runs, a
 * proposed removal. Once the end date passed uncertified (CERTIFICATION_OVERDUE) the
 * same decisions stay open, now overdue. A removal invoking a moratorium exception waits on
 * the appointing authority's decision on it. Certified, removal pending or ended: the
 * timers move the case, nobody has to decide.
 */
export const pendingProbationDecisions = (state: ProbationState): PendingDecision[] => {
  const removal = state.removal;
  if (state.status === 'REMOVAL_PROPOSED' && removal?.moratoriumException && !removal.exceptionDecision) {
    // 359.406(d): decided after the contest window, before the removal takes effect at the start of its day.
    return [
      {
        action: 'DecideMoratoriumException',
        assigneeId: state.appointingAuthorityId,
        assigneeRole: 'appointing-authority',
        dueOn: addDays(removal.effectiveDate, -1),
        note: `decide the moratorium exception after the probationer's contest window (through ${removal.moratoriumException.contestBy}); without an upheld exception the removal effective ${removal.effectiveDate} is withdrawn`,
      },
    ];
  }
  if (state.status !== 'ON_PROBATION' && state.status !== 'CERTIFICATION_OVERDUE') return [];
  const dueOn = state.endDate!;
  const ends = state.status === 'CERTIFICATION_OVERDUE' ? `the period ended ${dueOn} uncertified` : `the period ends ${dueOn}`;
  const assess: PendingDecision = {
    action: 'SubmitAssessment',
    assigneeId: state.supervisorId,
    assigneeRole: 'supervisor',
    dueOn,
    note: `assess performance${state.criterion === 'C' ? ', addressing every promised development activity,' : ''} before the certification; ${ends}`,
  };
  const latest = state.assessments.at(-1);
  if (!latest) return [assess];
  if (latest.conclusion === 'meets-level-of-excellence') {
    return [
      { action: 'CertifyProbation', assigneeId: state.appointingAuthorityId, assigneeRole: 'appointing-authority', dueOn, note: `certify in writing; ${ends}` },
    ];
  }
  const below = 'the latest assessment finds performance below the level of excellence';
  return [
    { ...assess, note: `${below}: a new assessment; ${ends}` },
    ...(state.status === 'ON_PROBATION'
      ? [
          {
            action: 'ProposeRemoval',
            assigneeId: state.appointingAuthorityId,
            assigneeRole: 'appointing-authority' as const,
            dueOn,
            note: `${below}: a removal takes effect by ${dueOn}`,
          },
        ]
      : []),
  ];
};
