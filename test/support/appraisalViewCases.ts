import { appraisalDefinition, type AppraisalCommand, type AppraisalStart } from '../../domain/appraisal';
import type { Actor } from '../../domain/roles';
import type { EventStore } from '../../eventstore/eventStore';
import { driveCase } from './recordedCase';

/** Appraisal cases for the agency view's tests, driven through the appraisal's own decider and timers into a real store. */

const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };

/** A career-majority panel of three PRB members. */
export const PANEL_MEMBERS = [
  { id: 'prb-adams', career: true, supervisorOf: [] },
  { id: 'prb-baker', career: true, supervisorOf: [] },
  { id: 'prb-cruz', career: false, supervisorOf: [] },
];

const at = (date: string, hour = 15) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

export const appraisalStart = (caseId: string, over: Partial<AppraisalStart> = {}): AppraisalStart => ({
  caseId,
  executiveId: `ex-${caseId.toLowerCase()}`,
  agency: 'DOE',
  appointmentType: 'career',
  period: { cycle: 'FY2026', start: '2025-10-01', end: '2026-09-30' },
  supervisorId: SUP.id,
  appointingAuthorityId: AA.id,
  startedBy: HR.id,
  ...over,
});

/** How far a case goes: planned only, rated, before the PRB, reviewed by a panel, or with its final rating. */
export interface CaseCourse {
  plan?: boolean;
  progressReview?: boolean;
  initialLevel?: number;
  panelId?: string;
  prbLevel?: number;
  finalLevel?: number;
}

/** The commands of one FY2026 case, as far as the course says. */
export const appraisalCommands = (start: AppraisalStart, course: CaseCourse): AppraisalCommand[] => {
  const commands: AppraisalCommand[] = [{ type: 'StartAppraisal', at: at('2025-09-02'), actor: HR, start }];
  if (course.plan === false) return commands;
  const elements = [
    { element: 'faithful-administration', weight: 40 },
    { element: 'government-efficiency', weight: 15 },
    { element: 'merit-and-competence', weight: 15 },
    { element: 'holding-others-accountable', weight: 15 },
    { element: 'achieving-organizational-goals', weight: 15 },
  ];
  commands.push({ type: 'CommunicatePlan', at: at('2025-09-15'), actor: SUP, elements, communicatedOn: '2025-09-15' });
  if (course.progressReview === false) return commands;
  commands.push({ type: 'RecordProgressReview', at: at('2026-03-02'), actor: SUP, heldOn: '2026-03-02', summary: 'On track.' });
  if (course.initialLevel === undefined) return commands;
  commands.push({ type: 'IssueInitialRating', at: at('2026-10-05'), actor: SUP, level: course.initialLevel, narrative: 'Rated on the five elements.' });
  if (course.panelId === undefined) return commands;
  // The response window (10 days) closes by its timer before the panel is convened.
  commands.push({ type: 'ConvenePrb', at: at('2026-10-20'), actor: HR, panelId: course.panelId, members: PANEL_MEMBERS });
  if (course.prbLevel === undefined) return commands;
  commands.push({
    type: 'SubmitPrbRecommendation',
    at: at('2026-10-25'),
    actor: { id: 'prb-adams', role: 'supervisor' },
    recommendedLevel: course.prbLevel,
    recommendation: 'The board recommends this level.',
  });
  if (course.finalLevel === undefined) return commands;
  commands.push({ type: 'IssueFinalRating', at: at('2026-11-02'), actor: AA, level: course.finalLevel, reasons: 'After the board’s recommendation.' });
  return commands;
};

/** Drives the case and appends its events (timers through `until`, e.g. a plan's overdue reminder). */
export const appendAppraisal = async (store: EventStore, start: AppraisalStart, course: CaseCourse, until?: string): Promise<void> => {
  const stream = `appraisal-${start.caseId}`;
  const { events } = driveCase(appraisalDefinition, stream, appraisalCommands(start, course), until === undefined ? {} : { until });
  await store.append(stream, 'no_stream', events);
};
