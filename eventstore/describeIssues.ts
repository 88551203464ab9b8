import type { z } from 'zod';

/** "events[0].meta.actor.role: Invalid option ..." — names the field and the rule it broke. */
export function describeIssues(root: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
      return `${root}${path}: ${issue.message}`;
    })
    .join('; ');
}
