import { useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { newIdempotencyKey, post, type Problem } from '../api';
import { errorsFromProblem, errorsFromZod, plainZodMessages, type FieldErrors } from '../components/fields';
import { problemOf } from '../components/useLoad';
import { navigate } from '../router';
import { casePath } from '../words';

const checkFields = (count: number): Problem => ({
  title: 'Check the highlighted fields',
  status: 400,
  rule: 'validation',
  detail: `${count === 1 ? 'One entry is' : `${count} entries are`} missing or not valid (marked below); nothing was sent.`,
});

/**
 * Sending a start: checked with the server's own schema first, one Idempotency-Key
 * per body (a retried submission starts one case), refusals next to their fields,
 * and on success the new case's page. The form's entries are never touched here.
 */
export const useStart = (process: string, schema: z.ZodType) => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const start = async (body: unknown, query: string, onStarted: () => void): Promise<void> => {
    setProblem(null);
    const checked = schema.safeParse(body, { error: plainZodMessages });
    if (!checked.success) {
      const found = errorsFromZod(checked.error);
      setErrors(found);
      setProblem(checkFields(Object.keys(found).length));
      return;
    }
    setErrors({});
    const serialized = JSON.stringify(body) + query;
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setBusy(true);
    try {
      const { body: started } = await post<{ caseId: string }>(`/${process}-cases${query}`, body, { idempotencyKey: attempt.current.key });
      attempt.current = null;
      onStarted();
      navigate(casePath(process, started.caseId));
    } catch (error) {
      const refused = problemOf(error);
      setProblem(refused);
      setErrors(errorsFromProblem(refused));
    } finally {
      setBusy(false);
    }
  };
  return { errors, problem, busy, start };
};
