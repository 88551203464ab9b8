import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Error messages and stack traces may name people (a refusal quotes what it refused),
 * so they travel as an encoded payload, which the payload codec seals like any other.
 * The workflow bundle, the worker and every client load this one module by path.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
