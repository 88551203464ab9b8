import { refuse, type Decision } from './domainError';

/**
 * An HTTP `If-Match` carried into the workflow: the stream revision the person saw
 * when they decided. Checked where the case's revision is known for certain (inside
 * the workflow, in the order commands are applied), so two people deciding on the
 * same revision cannot both pass.
 */
export interface RevisionPrecondition {
  expectedRevision?: number;
}

export const REVISION_MISMATCH_RULE = 'case.revision-mismatch';

/** Refuses when the case has moved on since the revision the person saw; undefined when it holds or none was given. */
export const checkExpectedRevision = (expected: number | undefined, actual: number): Decision<never> | undefined =>
  expected === undefined || expected === actual
    ? undefined
    : refuse(
        'conflict',
        REVISION_MISMATCH_RULE,
        `the case is at revision ${actual}, not ${expected} as the request expects (If-Match): read it again and decide on what it says now`,
        'If-Match',
      );
