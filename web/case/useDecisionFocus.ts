import { useEffect, useRef } from 'preact/hooks';

/** Scrolls to the decision the inbox opened (`?decide=<action>`, the form's id) and puts the keyboard in its first field, once per decision asked for. */
export const useDecisionFocus = (focus: string | null, shown: readonly string[]): void => {
  const done = useRef<string | null>(null);
  const available = focus !== null && shown.includes(focus);
  useEffect(() => {
    if (!available || done.current === focus) return;
    done.current = focus;
    const section = document.getElementById(focus);
    section?.scrollIntoView({ block: 'start' });
    section?.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
  }, [focus, available]);
};
