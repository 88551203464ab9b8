// A logger is just a function taking one line of text. Provisioning helpers take
// one as a parameter so callers decide where progress goes (console, test
// output, nowhere) and the helpers stay easy to test.
export type Log = (message: string) => void;

/** Logger that prints `[prefix] message` to stderr (keeps stdout clean for tools). */
export function createLog(prefix: string): Log {
  return (message) => {
    process.stderr.write(`[${prefix}] ${message}\n`);
  };
}

/** Logger that discards everything. */
export const silentLog: Log = () => {};

/** Readable message for anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
