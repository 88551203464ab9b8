import type { z } from 'zod';
import { post } from '../api';
import { check, useSubmission } from '../components/useSubmission';
import { navigate } from '../router';
import { casePath } from '../words';

/**
 * Sending a start: checked with the server's own schema first, one Idempotency-Key
 * per body (a retried submission starts one case), refusals next to their fields,
 * and on success the new case's page. The form's entries are never touched here.
 */
export const useStart = (process: string, schema: z.ZodType) => {
  const { errors, problem, busy, submit } = useSubmission();
  const start = async (body: unknown, query: string, onStarted: () => void): Promise<void> => {
    const sent = await submit(
      check(schema, body),
      (checked, idempotencyKey) => post<{ caseId: string }>(`/${process}-cases${query}`, checked, { idempotencyKey }),
      query,
    );
    if (sent.ok) {
      onStarted();
      navigate(casePath(process, sent.answer.body.caseId));
    }
  };
  return { errors, problem, busy, start };
};
