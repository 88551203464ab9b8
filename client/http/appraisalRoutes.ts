import { z } from '@hono/zod-openapi';
import { CapQuerySchema, PanelConveningSchema, PanelRecommendationsSchema } from '../appraisalView';
import { ActingPersonSchema, type Operations } from '../operations';
import { PageQuerySchema, pageSchemaOf, type PageRequest } from '../paging';
import { AppraisalScopeSchema, type AppraisalScope } from '../readModel/appraisalView';
import { defineRoute, type ApiRoute } from './apiRoute';

const TAG = 'Appraisal cycle, agency-wide';
const VIEWERS = 'executive-resources office, HR specialist, appointing authority, auditor, admin';
const Json = z.unknown();

const PanelsQuerySchema = z.strictObject({ ...AppraisalScopeSchema.shape, ...PageQuerySchema.shape });
const PageOnlyQuerySchema = z.strictObject(PageQuerySchema.shape);
const RatingCapQuerySchema = z.strictObject({ ...AppraisalScopeSchema.shape, ...CapQuerySchema.shape });

const PanelActResultSchema = z
  .object({
    panelId: z.string(),
    recorded: z.number().int(),
    refused: z.number().int(),
    results: z.array(
      z.object({
        caseId: z.string(),
        outcome: z.enum(['recorded', 'refused']),
        status: z.string().optional().describe("recorded: the case's status after its action"),
        problem: z.unknown().optional().describe("refused: the case's own refusal `{status, error (the rule), message, issues}`"),
      }),
    ),
  })
  .openapi('PanelActResult');

/** The agency-wide view of the appraisal cycle: PRB panels and their executives, a panel's acts on many cases, the Level 4-5 share against the cap. */
export const appraisalRoutes = (operations: Operations): ApiRoute[] => [
  defineRoute<AppraisalScope & PageRequest>({
    method: 'get',
    path: '/appraisal/panels',
    operationId: 'appraisal.panels',
    summary:
      'The PRB panels the appraisal cases name (members with career flag, executives reviewed, recommendations and final ratings so far), a page at a time',
    tag: TAG,
    who: VIEWERS,
    query: PanelsQuerySchema,
    success: {
      status: 200,
      description: 'a page of panels: `{items: [{panelId, agency, cycle, members, careerMajority, executives, recommended, finalRated}], next}`',
      schema: pageSchemaOf(Json),
    },
    handle: async ({ principal, query: { agency, cycle, ...page } }) => ({
      status: 200,
      body: await operations.appraisal.panels(principal, { agency, cycle }, page),
    }),
  }),
  defineRoute<PageRequest>({
    method: 'get',
    path: '/appraisal/panels/{panelId}',
    operationId: 'appraisal.panel',
    summary:
      "One PRB panel and the executives' cases it reviews: each one's initial rating, higher-level review, the panel's recommendation and the final rating, a page at a time",
    tag: TAG,
    who: VIEWERS,
    query: PageOnlyQuerySchema,
    success: { status: 200, description: 'the panel and a page of its cases: `{panelId, agency, cycle, members, …, items, next}`', schema: Json },
    handle: async ({ principal, params, query }) => ({ status: 200, body: await operations.appraisal.panel(principal, params.panelId!, query) }),
  }),
  defineRoute({
    method: 'post',
    path: '/appraisal/panels/{panelId}/convening',
    operationId: 'appraisal.panel.convene',
    summary: "Convene a PRB panel for many executives' cases at once: each case takes its own ConvenePrb action and accepts or refuses it on its own",
    tag: TAG,
    who: 'as for the ConvenePrb action of each case (HR specialist), as themself',
    body: PanelConveningSchema.extend({ actor: ActingPersonSchema }),
    success: { status: 200, description: 'what each case answered: recorded (its status) or refused (its problem)', schema: PanelActResultSchema },
    handle: async ({ principal, params, body, requestId }) => ({
      status: 200,
      body: await operations.appraisal.convene(principal, params.panelId!, body, requestId),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/appraisal/panels/{panelId}/recommendations',
    operationId: 'appraisal.panel.recommend',
    summary:
      "Record a PRB panel's written recommendations for many of the cases it reviews: each case takes its own SubmitPrbRecommendation action and accepts or refuses it on its own",
    tag: TAG,
    who: 'a member of the panel (a senior official in the supervisor role), as themself; each case checks the membership',
    body: PanelRecommendationsSchema.extend({ actor: ActingPersonSchema }),
    success: { status: 200, description: 'what each case answered: recorded (its status) or refused (its problem)', schema: PanelActResultSchema },
    handle: async ({ principal, params, body, requestId }) => ({
      status: 200,
      body: await operations.appraisal.recordRecommendations(principal, params.panelId!, body, requestId),
    }),
  }),
  defineRoute<AppraisalScope>({
    method: 'get',
    path: '/appraisal/distribution',
    operationId: 'appraisal.distribution',
    summary: 'Final ratings by level per agency and cycle (the rows of the report appraisal-ratings-by-level), for whoever may see the agency view',
    tag: TAG,
    who: VIEWERS,
    query: z.strictObject(AppraisalScopeSchema.shape),
    success: {
      status: 200,
      description: '`[{agency, cycle, executives, finalRated, level1, level2, level3, level4, level5, levels4And5Share}]`',
      schema: Json,
    },
    handle: async ({ principal, query }) => ({ status: 200, body: await operations.appraisal.distribution(principal, query) }),
  }),
  defineRoute<z.infer<typeof RatingCapQuerySchema>>({
    method: 'get',
    path: '/appraisal/rating-cap',
    operationId: 'appraisal.rating-cap',
    summary:
      "Per agency and cycle, the share of Level 4-5 ratings (final ones and, before they are issued, the PRB's recommended or the initial levels) against the cycle policy's cap, with how far over it; ?policyVersion= for a what-if",
    tag: TAG,
    who: VIEWERS,
    query: RatingCapQuerySchema,
    success: {
      status: 200,
      description:
        '`{whatIfPolicyVersion, items: [{agency, cycle, policyVersion, cap, capApplies, executives, rated, finalRated, levels4And5, levels4And5Final, share, allowed, overBy}]}`',
      schema: Json,
    },
    handle: async ({ principal, query: { policyVersion, ...scope } }) => ({
      status: 200,
      body: await operations.appraisal.ratingCap(principal, scope, policyVersion),
    }),
  }),
];
