import { ApplicationFailure } from '@temporalio/workflow';
import type { DomainError } from '../domain/domainError';

/** The failure type clients map to 409/422; details carry the DomainError. */
export const DOMAIN_ERROR_TYPE = 'DomainError';

export const domainFailure = (error: DomainError): ApplicationFailure =>
  ApplicationFailure.create({ type: DOMAIN_ERROR_TYPE, message: error.message, details: [error], nonRetryable: true });
