import { causeChain } from '../causeChain';

/**
 * What a request that failed threw, for its log line: each error of the cause chain by class name
 * and its code when it has one (a gRPC status code, a Node or SQLite code such as `SQLITE_BUSY`);
 * never a message, which can name a case or a person.
 */
export type ServerFailure = { name: string; code?: number | string }[];

/** A code as the libraries set them: a number, or an upper-case word (anything else is not logged). */
const isLoggableCode = (code: unknown): code is number | string =>
  typeof code === 'number' || (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code));

export const serverFailureOf = (error: unknown): ServerFailure =>
  causeChain(error).map((link) => {
    const code = (link as { code?: unknown }).code;
    return { name: link.name, ...(isLoggableCode(code) ? { code } : {}) };
  });
