import { causeChain } from '../causeChain';

/**
 * What a request that failed threw, for its log line: each error of the cause chain by class name
 * and, for a gRPC error, its status code; never a message, which can name a case or a person.
 */
export type ServerFailure = { name: string; code?: number }[];

export const serverFailureOf = (error: unknown): ServerFailure =>
  causeChain(error).map((link) => {
    const code = (link as { code?: unknown }).code;
    return { name: link.name, ...(typeof code === 'number' ? { code } : {}) };
  });
