import { z } from 'zod';
import { CaseIdSchema } from '../domain/agencies';
import { RatingLevelSchema, PrbMemberSchema } from '../domain/appraisal/commands';
import { PolicyVersionIdSchema } from '../domain/policyVersions';
import { authorize } from './auth/permissions';
import type { Principal } from './auth/principal';
import type { OperationServices, Operations } from './operations';
import { decodeCursor, limitOf, pageFrom, type Page, type PageRequest } from './paging';
import { ProblemError, parseInput, toProblem, type Problem } from './problem';
import { appraisalSummaries, ratingCapPolicy } from './readModel/appraisalSummary';
import {
  overduePlans,
  overdueProgressReviews,
  panelExecutiveOf,
  prbPanels,
  ratingCapShares,
  ratingsByLevel,
  type AppraisalScope,
  type PanelExecutive,
  type PrbPanel,
} from './readModel/appraisalView';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

// `actor` is checked as in every act body (Operations.act: the signed-in person, a role they hold or a delegation); the routes document it.

/**
 * A case named twice in one call is refused by its second place: one request's Updates share its
 * update id (an Idempotency-Key's), so the second would be answered as the first and never decided.
 */
const eachCaseOnce = (caseIds: readonly string[], ctx: z.RefinementCtx, caseIdPath: readonly string[] = []): void => {
  const first = new Map<string, number>();
  caseIds.forEach((caseId, i) => {
    const at = first.get(caseId);
    if (at === undefined) first.set(caseId, i);
    else ctx.addIssue({ code: 'custom', path: [i, ...caseIdPath], message: `case ${caseId} is already named at ${at}: name each case once in a call` });
  });
};

/** The panel's recommendations, one per case it reviews: each goes through that case's own SubmitPrbRecommendation. */
export const PanelRecommendationsSchema = z.object({
  actor: z.unknown(),
  recommendations: z
    .array(z.object({ caseId: CaseIdSchema, recommendedLevel: RatingLevelSchema, recommendation: text(20_000) }))
    .min(1, 'must name at least one case')
    .max(200, 'at most 200 cases in one call')
    .superRefine((recommendations, ctx) =>
      eachCaseOnce(
        recommendations.map(({ caseId }) => caseId),
        ctx,
        ['caseId'],
      ),
    ),
});

/** A panel convened for many cases at once: each case takes its own ConvenePrb, so each case's rules (career majority, no own supervisor) decide. */
export const PanelConveningSchema = z.object({
  actor: z.unknown(),
  members: z.array(PrbMemberSchema).min(1).max(15),
  caseIds: z
    .array(CaseIdSchema)
    .min(1, 'must name at least one case')
    .max(200, 'at most 200 cases in one call')
    .superRefine((caseIds, ctx) => eachCaseOnce(caseIds, ctx)),
});

/** One case's answer in a panel's call: recorded with the case's new status, or refused with the case's own problem. */
export type PanelCaseOutcome = { caseId: string; outcome: 'recorded'; status: string } | { caseId: string; outcome: 'refused'; problem: Problem };

export interface PanelActResult {
  panelId: string;
  recorded: number;
  refused: number;
  results: PanelCaseOutcome[];
}

export const CapQuerySchema = z.object({
  policyVersion: PolicyVersionIdSchema.optional().describe(
    "what-if: the cap of this policy version instead of the one each cycle's cases pinned, e.g. what-if-no-rating-cap",
  ),
});

/**
 * The agency-wide view of the appraisal cycle, for the CLI and the HTTP API: PRB panels and their
 * executives, the Level 4-5 share against the cap, and a panel's acts on many cases, each through
 * that case's own action (Operations.act), so every case's decider accepts or refuses it on its own.
 */
export class AppraisalView {
  constructor(
    private readonly services: OperationServices,
    private readonly operations: Operations,
  ) {}

  /** The PRB panels the cases name, by id, a page at a time. */
  async panels(principal: Principal, scope: AppraisalScope, page: PageRequest = {}): Promise<Page<PrbPanel>> {
    authorize(principal, 'appraisal.agency-view');
    const cases = await this.cases();
    const after = decodeCursor(page.after, z.string());
    const panels = prbPanels(cases, scope).filter((p) => after === undefined || p.panelId > after);
    const limit = limitOf(page);
    return pageFrom(panels.slice(0, limit + 1), limit, (p) => p.panelId);
  }

  /** One panel and the executives it reviews (initial rating, higher-level review, its recommendation, the final rating), a page at a time. */
  async panel(principal: Principal, panelId: string, page: PageRequest = {}): Promise<PrbPanel & Page<PanelExecutive>> {
    authorize(principal, 'appraisal.agency-view');
    const cases = await this.cases();
    const panel = prbPanels(cases).find((p) => p.panelId === panelId);
    if (!panel) throw new ProblemError({ status: 404, error: 'not-found', message: `no PRB panel ${panelId}: no appraisal case names it` });
    const after = decodeCursor(page.after, z.string());
    const limit = limitOf(page);
    const reviewed = cases
      .filter((c) => c.panelId === panelId && (after === undefined || c.caseId > after))
      .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
      .map(panelExecutiveOf);
    return { ...panel, ...pageFrom(reviewed.slice(0, limit + 1), limit, (c) => c.caseId) };
  }

  /** Per agency and cycle, the Level 4-5 share (finals and the levels not yet final) against the cap, or a what-if policy's cap. */
  async ratingCap(principal: Principal, scope: AppraisalScope, policyVersion?: string) {
    authorize(principal, 'appraisal.agency-view');
    const whatIf = policyVersion === undefined ? undefined : parseInput(PolicyVersionIdSchema, policyVersion, 'policyVersion');
    return { whatIfPolicyVersion: whatIf ?? null, items: ratingCapShares(await this.cases(), (cycle) => ratingCapPolicy(cycle, whatIf), scope) };
  }

  /** The distribution of final ratings per agency and cycle, for whoever may see the agency view (the report of the same rows needs reports.read). */
  async distribution(principal: Principal, scope: AppraisalScope) {
    authorize(principal, 'appraisal.agency-view');
    return ratingsByLevel(await this.cases(), scope);
  }

  /** The /reports entries of the appraisal. */
  async ratingsByLevel() {
    return ratingsByLevel(await this.cases());
  }

  async overduePlans() {
    return overduePlans(await this.cases(), await this.services.now());
  }

  async overdueProgressReviews() {
    return overdueProgressReviews(await this.cases(), await this.services.now());
  }

  /** A panel's recommendations for many cases: each case's own action, recorded or refused on its own; a case the panel does not review is refused here. */
  async recordRecommendations(principal: Principal, panelId: string, body: unknown, requestId?: string): Promise<PanelActResult> {
    authorize(principal, 'case.act');
    const { actor, recommendations } = parseInput(PanelRecommendationsSchema, body);
    const reviewed = new Set((await this.cases()).filter((c) => c.panelId === panelId).map((c) => c.caseId));
    return this.each(
      principal,
      panelId,
      recommendations.map(({ caseId, ...recommendation }) => ({
        caseId,
        refusal: reviewed.has(caseId) ? undefined : `${caseId} is not reviewed by PRB panel ${panelId}: convene the panel for it first`,
        body: { actor, action: { type: 'SubmitPrbRecommendation', ...recommendation } },
      })),
      requestId,
    );
  }

  /** A panel convened for many cases: each case's own ConvenePrb. */
  async convene(principal: Principal, panelId: string, body: unknown, requestId?: string): Promise<PanelActResult> {
    authorize(principal, 'case.act');
    const { actor, members, caseIds } = parseInput(PanelConveningSchema, body);
    return this.each(
      principal,
      panelId,
      caseIds.map((caseId) => ({ caseId, refusal: undefined, body: { actor, action: { type: 'ConvenePrb', panelId, members } } })),
      requestId,
    );
  }

  /**
   * One case after another (a case's update waits for its own workflow; the cases do not wait for each other's refusals).
   * `requestId` (an Idempotency-Key's) is each case's Update id: ids are per workflow, so one request's cases share it.
   */
  private async each(
    principal: Principal,
    panelId: string,
    acts: { caseId: string; refusal: string | undefined; body: unknown }[],
    requestId?: string,
  ): Promise<PanelActResult> {
    const results: PanelCaseOutcome[] = [];
    for (const act of acts) {
      if (act.refusal !== undefined) {
        results.push({ caseId: act.caseId, outcome: 'refused', problem: { status: 409, error: 'appraisal.panel.case-not-reviewed', message: act.refusal } });
        continue;
      }
      try {
        const state = (await this.operations.act(principal, 'appraisal', act.caseId, act.body, { requestId })) as { status: string };
        results.push({ caseId: act.caseId, outcome: 'recorded', status: state.status });
      } catch (error) {
        results.push({ caseId: act.caseId, outcome: 'refused', problem: toProblem(error) });
      }
    }
    const recorded = results.filter((r) => r.outcome === 'recorded').length;
    return { panelId, recorded, refused: results.length - recorded, results };
  }

  private async cases() {
    await this.services.readModel.catchUp(this.services.store);
    return appraisalSummaries(this.services.readModel);
  }
}
