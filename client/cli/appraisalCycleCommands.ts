// What the `ses appraisal-cycle` commands do (./appraisalCycleProgram parses them): the same operations as
// the /appraisal routes of the HTTP API.
import type { PanelActResult } from '../appraisalView';
import type { Principal } from '../auth/principal';
import type { Operations } from '../operations';
import { PAGE_LIMIT_MAX, everyItem } from '../paging';
import type { AppraisalScope, RatingCapShare } from '../readModel/appraisalView';
import { renderTable } from './render';

type Values = Record<string, unknown>;

interface Output {
  json: unknown;
  text: string;
}

interface Handler {
  temporal: boolean;
  run(operations: Operations, principal: Principal, args: unknown[], options: Values): Promise<Output>;
}

const scopeOf = (options: Values): AppraisalScope => ({
  ...(typeof options.agency === 'string' ? { agency: options.agency } : {}),
  ...(typeof options.cycle === 'string' ? { cycle: options.cycle } : {}),
});

const level = (n: number | null): string => (n === null ? '' : String(n));
const percent = (share: number | null): string => (share === null ? '' : `${Math.round(share * 1000) / 10}%`);

/** "over the cap by 2", "within the cap (3 of 4 allowed)", "no cap". */
export const capStanding = (s: RatingCapShare): string =>
  !s.capApplies
    ? s.cap === null
      ? 'no cap in this policy'
      : `no cap: fewer than ${s.cap.minExecutives} executives`
    : s.overBy! > 0
      ? `OVER the cap by ${s.overBy}`
      : `within the cap (${s.levels4And5} of ${s.allowed} allowed)`;

const renderPanelAct = (result: PanelActResult): string =>
  [
    `panel ${result.panelId}: ${result.recorded} recorded, ${result.refused} refused`,
    renderTable(
      result.results.map((r) =>
        r.outcome === 'recorded'
          ? { case: r.caseId, outcome: 'recorded', detail: r.status }
          : { case: r.caseId, outcome: 'REFUSED', detail: `${r.problem.error}: ${r.problem.message}` },
      ),
    ),
  ].join('\n');

/** The handlers by command words; `readJsonFile` is the CLI's own (a file or - for stdin). */
export const appraisalCycleHandlers = (readJsonFile: (path: string, what: string) => unknown): Record<string, Handler> => ({
  'appraisal-cycle panels': {
    temporal: false,
    async run(operations, principal, _args, options) {
      const panels = await everyItem((page) => operations.appraisal.panels(principal, scopeOf(options), page));
      return {
        json: panels,
        text: renderTable(
          panels.map((p) => ({
            panel: p.panelId,
            agency: p.agency,
            cycle: p.cycle,
            members: p.members.map((m) => `${m.id}${m.career ? ' (career)' : ''}`).join(', '),
            'career majority': p.careerMajority ? 'yes' : 'NO',
            executives: p.executives,
            recommended: p.recommended,
            final: p.finalRated,
          })),
        ),
      };
    },
  },
  'appraisal-cycle panel': {
    temporal: false,
    async run(operations, principal, [panelId]) {
      // The panel with the first page, then every further page of its executives.
      const { items: firstItems, next, ...panel } = await operations.appraisal.panel(principal, panelId as string, { limit: PAGE_LIMIT_MAX });
      const items = [...firstItems];
      for (let after = next; after !== null;) {
        const page = await operations.appraisal.panel(principal, panelId as string, { limit: PAGE_LIMIT_MAX, after });
        items.push(...page.items);
        after = page.next;
      }
      const json = { ...panel, items };
      return {
        json,
        text: [
          `PRB panel ${panel.panelId} (${panel.agency}, ${panel.cycle}): ${panel.members.map((m) => `${m.id}${m.career ? ' (career)' : ''}`).join(', ')}`,
          `career majority: ${panel.careerMajority ? 'yes' : 'NO'}; ${panel.executives} executives, ${panel.recommended} recommended, ${panel.finalRated} final`,
          renderTable(
            items.map((c) => ({
              case: c.caseId,
              executive: c.executiveId,
              career: c.career ? 'yes' : 'no',
              status: c.status,
              initial: level(c.initialLevel),
              'higher-level review': c.higherLevelReview,
              'PRB recommends': level(c.prbRecommendedLevel),
              final: level(c.finalLevel),
            })),
          ),
        ].join('\n'),
      };
    },
  },
  'appraisal-cycle convene': {
    temporal: true,
    async run(operations, principal, [panelId, file]) {
      const result = await operations.appraisal.convene(principal, panelId as string, readJsonFile(file as string, 'convening'));
      if (result.refused > 0) process.exitCode = 1;
      return { json: result, text: renderPanelAct(result) };
    },
  },
  'appraisal-cycle recommend': {
    temporal: true,
    async run(operations, principal, [panelId, file]) {
      const result = await operations.appraisal.recordRecommendations(principal, panelId as string, readJsonFile(file as string, 'recommendations'));
      if (result.refused > 0) process.exitCode = 1;
      return { json: result, text: renderPanelAct(result) };
    },
  },
  'appraisal-cycle distribution': {
    temporal: false,
    async run(operations, principal, _args, options) {
      const rows = await operations.appraisal.distribution(principal, scopeOf(options));
      return { json: rows, text: renderTable(rows.map((r) => ({ ...r, levels4And5Share: percent(r.levels4And5Share) }))) };
    },
  },
  'appraisal-cycle rating-cap': {
    temporal: false,
    async run(operations, principal, _args, options) {
      const result = await operations.appraisal.ratingCap(
        principal,
        scopeOf(options),
        typeof options.policyVersion === 'string' ? options.policyVersion : undefined,
      );
      return {
        json: result,
        text: [
          ...(result.whatIfPolicyVersion ? [`what-if: the cap of ${result.whatIfPolicyVersion}`] : []),
          renderTable(
            result.items.map((s) => ({
              agency: s.agency,
              cycle: s.cycle,
              policy: s.policyVersion,
              executives: s.executives,
              rated: s.rated,
              final: s.finalRated,
              'levels 4-5': s.levels4And5,
              share: percent(s.share),
              cap: s.cap ? percent(s.cap.share) : '',
              standing: capStanding(s),
            })),
          ),
        ].join('\n'),
      };
    },
  },
});
