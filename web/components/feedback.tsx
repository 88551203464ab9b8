import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from '../api';

/** A refusal or failure as an alert that says what happened, which rule, and what to do; focused so a screen reader reads it. */
/** `fieldName` says a refused field's path in the form's words (else the body's field name is shown). */
export const ProblemAlert = ({
  problem,
  heading,
  fieldName,
}: {
  problem: Problem;
  heading?: string | undefined;
  fieldName?: (field: string) => string | undefined;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [problem]);
  return (
    <div class="usa-alert usa-alert--error margin-y-2" role="alert" tabIndex={-1} ref={ref} data-rule={problem.rule}>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{heading ?? headingOf(problem)}</h2>
        <p class="usa-alert__text">{problem.detail}</p>
        {problem.issues && problem.issues.length > 0 && (
          <ul class="usa-list">
            {problem.issues.map((issue) => (
              <li key={`${issue.field}-${issue.rule}`}>
                <span class="text-bold">{fieldName?.(issue.field) ?? issue.field}</span>: {issue.message}{' '}
                <span class="text-base-dark">(rule {issue.rule})</span>
              </li>
            ))}
          </ul>
        )}
        {problem.status !== 0 && problem.rule !== 'http' && <p class="usa-alert__text font-mono-3xs text-base-dark">Rule: {problem.rule}</p>}
      </div>
    </div>
  );
};

const headingOf = (problem: Problem): string => {
  if (problem.status === 0) return 'The server cannot be reached';
  if (problem.status === 503) return 'The service is temporarily unavailable';
  if (problem.status === 403) return 'You are not allowed to do this';
  if (problem.status === 404) return 'Not found';
  if (problem.status === 412) return 'The case changed since you opened it';
  return problem.title;
};

export const Loading = ({ what }: { what: string }) => (
  <p class="text-base-dark" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ComponentChildren }) => (
  <div class="usa-alert usa-alert--info usa-alert--slim usa-alert--no-icon margin-y-2">
    <div class="usa-alert__body">
      <p class="usa-alert__text">{children}</p>
    </div>
  </div>
);

export const Success = ({ children }: { children: ComponentChildren }) => (
  <div class="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status">
    <div class="usa-alert__body">
      <p class="usa-alert__text">{children}</p>
    </div>
  </div>
);
