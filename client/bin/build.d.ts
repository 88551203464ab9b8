// Types of build.js for the TypeScript that uses it (the tests).

/** What `ses` runs: dist/'s compiled CLI, or the TypeScript source through tsx. */
export function cliEntry(): { compiled: boolean; file: string };
/** Whether `root`/dist holds a successful build of the sources as they are now. */
export function isFresh(root?: string): boolean;
/** The newest modification time (ms) of anything the build reads under `root`. */
export function newestSource(root?: string): number;
