import { statSync } from 'node:fs';

/**
 * Refuses a secret file (a signing key) that group or other users may read: whoever
 * can read it can act as anyone. Checked on every load, not only at creation, since
 * a copy or an archive restore can widen the mode. No such bits on Windows.
 */
export const refuseSharedSecretFile = (path: string, what: string): void => {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`${what} ${path} may be read by group or other users (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 ${path}`);
  }
};
