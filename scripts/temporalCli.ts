// Locating (or building) the `temporal` CLI, which contains the Temporal dev
// server (`temporal server start-dev`).
//
// Why not let the Temporal TS SDK download it? The SDK fetches a prebuilt binary
// from temporal.download at run time, and our machines only reach package
// registries. The Go module proxy *is* reachable, so with Go installed we build
// the exact same CLI from source once and cache it in .cache/bin/ (scripts/goTool.ts).
import { cachedBinaryOf, resolveGoTool, type GoTool } from './goTool';
import { errorMessage, type Log } from './log';
import { fromRepoRoot } from './repoPaths';

/**
 * Exact version to build. v1.5.1 on purpose: later tags have a `replace`
 * directive in go.mod, and `go install pkg@version` refuses modules with one.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

const TEMPORAL_CLI: GoTool = {
  binary: 'temporal',
  title: 'the Temporal CLI',
  module: TEMPORAL_CLI_MODULE,
  version: TEMPORAL_CLI_VERSION,
  pathVariable: 'TEMPORAL_CLI_PATH',
};

/** Where the built CLI is cached (git-ignored). */
export const CACHED_TEMPORAL_CLI: string = cachedBinaryOf(TEMPORAL_CLI);

/**
 * Returns the path of a `temporal` CLI binary: $TEMPORAL_CLI_PATH, `temporal` on
 * $PATH, the repo-local cache .cache/bin/temporal, or built into that cache with
 * `go install` (once; several minutes). Null when Go is not installed: the caller
 * may then let the SDK try its own download (which fails without internet; see
 * temporalCliMissingMessage for the message to show then).
 */
export const resolveTemporalCli = (log: Log): Promise<string | null> => resolveGoTool(TEMPORAL_CLI, log);

/**
 * One message telling a newcomer exactly what to install when no CLI could be
 * found or built (pass the error that ended the attempt, if any).
 */
export function temporalCliMissingMessage(cause?: unknown): string {
  const why = cause === undefined ? '' : ` (${errorMessage(cause)})`;
  return (
    `Could not get the Temporal CLI (\`temporal\`, which runs the local dev server)${why}. ` +
    `Fix it with ONE of: install Go 1.21 or newer (https://go.dev/doc/install; it fetches the Go >= 1.25 toolchain this build needs from the Go module proxy) ` +
    `and run \`npm run provision\` to build it into ${fromRepoRoot(CACHED_TEMPORAL_CLI)}; ` +
    `or put a \`temporal\` binary on your PATH; or set TEMPORAL_CLI_PATH=/path/to/temporal.`
  );
}
