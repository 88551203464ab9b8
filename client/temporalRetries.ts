import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * The gRPC retries of a Connection that a person waits on (the API, the CLI): a
 * few quick attempts ride out a blip, then the call fails with UNAVAILABLE, which
 * answers 503 with Retry-After, instead of the client's default of ten attempts
 * over about 20 seconds while the person stares at a spinner.
 */
export const briefGrpcRetries = () => [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3, maxIntervalMs: () => 500 }))];
