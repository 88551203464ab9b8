import { useEffect, useState } from 'preact/hooks';

/**
 * A form's entries kept in the tab's sessionStorage while they are typed: a session
 * that expires mid-form goes to the sign-in and back, and the form is as it was.
 */
export const useStoredDraft = <T>(key: string, initial: () => T): [T, (draft: T) => void, () => void] => {
  const [draft, setDraft] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(key);
      return stored ? { ...initial(), ...(JSON.parse(stored) as T) } : initial();
    } catch {
      return initial();
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // storage full or disabled: the form still works, it only forgets on reload
    }
  }, [key, draft]);
  const clear = () => {
    sessionStorage.removeItem(key);
    setDraft(initial());
  };
  return [draft, setDraft, clear];
};
