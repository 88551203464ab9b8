import { z } from '@hono/zod-openapi';
import type { Problem } from '../problem';

/**
 * Where the problem types live: each refusal's rule id names one type, e.g.
 * `https://ses-workflows.example/problems/qrb.vote.not-a-board-member`. The URIs are
 * identifiers (RFC 9457 §3.1.1), stable across releases; they are not fetched.
 */
export const PROBLEM_TYPE_BASE = 'https://ses-workflows.example/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemDocumentSchema = z
  .object({
    type: z.string().describe('a stable URI naming the rule, ending with the rule id'),
    title: z.string().describe('the rule in words; the same for every occurrence of the type'),
    status: z.number().int(),
    detail: z.string().describe('this occurrence explained: which field, which rule, why'),
    instance: z.string().describe('the request path the problem occurred at'),
    rule: z.string().describe('the stable rule id, e.g. qrb.vote.not-a-board-member'),
    issues: z
      .array(z.object({ field: z.string(), rule: z.string(), message: z.string() }))
      .optional()
      .describe('one entry per refused field'),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });
export type ProblemDocument = z.infer<typeof ProblemDocumentSchema>;

/** "qrb.vote.not-a-board-member" reads "Not a board member". */
const titleOf = (rule: string): string => {
  const words = (rule.split('.').at(-1) ?? rule).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const problemDocument = (problem: Problem, instance: string): ProblemDocument => ({
  type: `${PROBLEM_TYPE_BASE}${problem.error}`,
  title: titleOf(problem.error),
  status: problem.status,
  detail: problem.message,
  instance,
  rule: problem.error,
  ...(problem.issues ? { issues: problem.issues } : {}),
});
