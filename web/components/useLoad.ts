import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem, type Problem } from '../api';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; problem: Problem } | { state: 'ready'; value: T };

/** Loads once per change of `key`; `reload()` loads again. Failures become the API's problem document. */
export const useLoad = <T>(load: () => Promise<T>, key: readonly unknown[]): [Loaded<T>, () => void] => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [...key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [loaded, reload];
};

export const problemOf = (error: unknown): Problem =>
  error instanceof ApiProblem
    ? error.problem
    : { title: 'Unexpected error', status: -1, rule: 'client', detail: `Something went wrong in the page: ${(error as Error).message}. Reload and try again.` };
