import { useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { newIdempotencyKey, type Problem } from '../api';
import { errorsFromProblem, errorsFromZod, plainZodMessages, type FieldErrors } from './fields';
import { problemOf } from './useLoad';

/** A body checked with the server's own schema, or its refusals by field. */
export type Checked<T> = { body: T } | { errors: FieldErrors };

export const check = <T>(schema: z.ZodType<T>, value: unknown): Checked<T> => {
  const result = schema.safeParse(value, { error: plainZodMessages });
  return result.success ? { body: result.data } : { errors: errorsFromZod(result.error) };
};

const checkFields = (count: number): Problem => ({
  title: 'Check the highlighted fields',
  status: 400,
  rule: 'validation',
  detail: `${count === 1 ? 'One entry is' : `${count} entries are`} missing or not valid (marked below); nothing was sent.`,
});

export type Submitted<R> = { ok: true; answer: R } | { ok: false; problem: Problem };

/**
 * One form's submissions: refused in the browser first (nothing sent), sent with one
 * Idempotency-Key per body (a retried submission is recorded once; a changed body is
 * a new one), the API's refusals shown next to their fields (`fieldPrefix`, e.g.
 * "action.", is a wrapper the form does not show). The form's entries are never touched.
 */
export const useSubmission = (fieldPrefix = '') => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  /** `target` (e.g. the query) counts as part of the submission: the same body sent elsewhere is a new one. */
  const submit = async <T, R>(checked: Checked<T>, send: (body: T, idempotencyKey: string) => Promise<R>, target = ''): Promise<Submitted<R>> => {
    if ('errors' in checked) {
      const refused = checkFields(Object.keys(checked.errors).length);
      setErrors(checked.errors);
      setProblem(refused);
      return { ok: false, problem: refused };
    }
    setErrors({});
    setProblem(null);
    const serialized = `${target}\n${JSON.stringify(checked.body)}`;
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setBusy(true);
    try {
      const answer = await send(checked.body, attempt.current.key);
      attempt.current = null;
      return { ok: true, answer };
    } catch (error) {
      const refused = problemOf(error);
      setProblem(refused);
      setErrors(errorsFromProblem(refused, fieldPrefix));
      // A precondition failed: the same body is a new decision on a new state.
      if (refused.status === 412) attempt.current = null;
      return { ok: false, problem: refused };
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setErrors({});
    setProblem(null);
  };
  return { errors, problem, busy, submit, reset };
};
