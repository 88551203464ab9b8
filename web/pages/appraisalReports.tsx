import { HorizontalBars } from '../components/barChart';
import { Link } from '../router';
import { casePath, dayText, sentence } from '../words';
import { MAX_BARS, ReportView, type Column } from './reports';
// The rows of GET /reports/{name}: the server's own types (type-only: nothing of the server is bundled).
import type { OverdueStep, RatingsByLevel } from '../../client/readModel/appraisalView';

/** The appraisal's reports (client/operations.ts REPORTS), as the reports page lists them. */
export const APPRAISAL_REPORTS = {
  'appraisal-ratings-by-level': {
    title: 'Final appraisal ratings by level',
    description: 'The distribution of final summary ratings per agency and appraisal cycle, with the share at Levels 4–5.',
  },
  'appraisal-overdue-plans': {
    title: 'Overdue performance plans',
    description: 'Appraisals whose performance plan was not communicated by the day the appraisal began, longest overdue first.',
  },
  'appraisal-overdue-progress-reviews': {
    title: 'Overdue progress reviews',
    description: 'Appraisals with no progress review held by the day one was due, longest overdue first.',
  },
} as const;

const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
const caseLink = (caseId: string) => (
  <Link href={casePath('appraisal', caseId)} class="text-no-wrap">
    {caseId}
  </Link>
);

const LEVEL_COLUMNS: Column<RatingsByLevel>[] = [
  { header: 'Agency', value: (r) => r.agency },
  { header: 'Cycle', value: (r) => r.cycle },
  { header: 'Executives', value: (r) => r.executives },
  { header: 'Final ratings', value: (r) => r.finalRated },
  { header: 'Level 5', value: (r) => r.level5 },
  { header: 'Level 4', value: (r) => r.level4 },
  { header: 'Level 3', value: (r) => r.level3 },
  { header: 'Level 2', value: (r) => r.level2 },
  { header: 'Level 1', value: (r) => r.level1 },
  { header: 'Levels 4-5 share', value: (r) => r.levels4And5Share ?? '', cell: (r) => percent(r.levels4And5Share) },
];

export const RatingsByLevelReport = ({ rows }: { rows: RatingsByLevel[] }) => (
  <ReportView
    name="appraisal-ratings-by-level"
    rows={rows}
    columns={LEVEL_COLUMNS}
    rowKey={(r) => `${r.agency}-${r.cycle}`}
    caption={`Final ratings by level per agency and cycle (${rows.length})`}
    chartTitle="Share of final ratings at Levels 4–5"
    empty="No appraisal case has been started yet."
    chart={
      <HorizontalBars
        summary={`Bar chart of the share of final ratings at Levels 4 to 5 for ${rows.length} agencies and cycles, from 0 to 100 percent. The table below gives each level.`}
        bars={rows.map((r) => ({ label: `${r.agency} ${r.cycle}`, value: r.levels4And5Share ?? 0, text: percent(r.levels4And5Share) }))}
        max={1}
        tickText={percent}
        axisTitle="Final ratings at Levels 4–5"
      />
    }
  />
);

const OVERDUE_COLUMNS: Column<OverdueStep>[] = [
  { header: 'Case', value: (r) => r.caseId, cell: (r) => caseLink(r.caseId) },
  { header: 'Agency', value: (r) => r.agency },
  { header: 'Cycle', value: (r) => r.cycle },
  { header: 'Executive', value: (r) => r.executiveId },
  { header: 'Status', value: (r) => r.status, cell: (r) => sentence(r.status) },
  { header: 'Due', value: (r) => r.dueOn, cell: (r) => <span class="text-no-wrap">{dayText(r.dueOn)}</span> },
  { header: 'Days overdue', value: (r) => r.daysOverdue },
];

export const OverduePlansReport = ({ rows }: { rows: OverdueStep[] }) => (
  <ReportView
    name="appraisal-overdue-plans"
    rows={rows}
    columns={OVERDUE_COLUMNS}
    rowKey={(r) => r.caseId}
    caption={`Performance plans not communicated by the day the appraisal began, longest overdue first (${rows.length})`}
    chartTitle="Days overdue per plan"
    empty="No performance plan is overdue."
    chart={
      <HorizontalBars
        summary={`Bar chart of days overdue for ${rows.length} performance plans; the longest is ${days(rows[0]?.daysOverdue ?? 0)}. The table below gives each.`}
        bars={rows.slice(0, MAX_BARS).map((r) => ({ label: `${r.caseId} (${r.executiveId})`, value: r.daysOverdue, text: days(r.daysOverdue) }))}
        axisTitle="Days overdue"
      />
    }
  />
);

export const OverdueProgressReviewsReport = ({ rows }: { rows: OverdueStep[] }) => (
  <ReportView
    name="appraisal-overdue-progress-reviews"
    rows={rows}
    columns={OVERDUE_COLUMNS}
    rowKey={(r) => r.caseId}
    caption={`Appraisals with no progress review by the day one was due, longest overdue first (${rows.length})`}
    chartTitle="Days overdue per progress review"
    empty="No progress review is overdue."
    chart={
      <HorizontalBars
        summary={`Bar chart of days overdue for ${rows.length} progress reviews; the longest is ${days(rows[0]?.daysOverdue ?? 0)}. The table below gives each.`}
        bars={rows.slice(0, MAX_BARS).map((r) => ({ label: `${r.caseId} (${r.executiveId})`, value: r.daysOverdue, text: days(r.daysOverdue) }))}
        axisTitle="Days overdue"
      />
    }
  />
);
