// Mailpit, the local mail catcher `npm start` runs on the embedded default: the
// notifications' mail goes to its SMTP port and can be read on its web page.
// Built from its Go module like the Temporal CLI (scripts/goTool.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { resolveGoTool, type GoTool } from './goTool';
import { errorMessage, type Log } from './log';
import { OutputTail } from './outputTail';

export const MAILPIT: GoTool = {
  binary: 'mailpit',
  title: 'Mailpit (the local mail catcher)',
  module: 'github.com/axllent/mailpit',
  version: 'v1.33.1',
  pathVariable: 'MAILPIT_PATH',
};

export interface Mailpit {
  smtpUrl: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Starts Mailpit on 127.0.0.1 with its messages in DATA_DIR/mailpit.db; null (and why, in the log) when it cannot be had. */
export async function startMailpit({
  dataDir,
  smtpPort,
  uiPort,
  log,
}: {
  dataDir: string;
  smtpPort: number;
  uiPort: number;
  log: Log;
}): Promise<Mailpit | null> {
  let binary: string | null;
  try {
    binary = await resolveGoTool(MAILPIT, log);
  } catch (error) {
    log(`Mailpit is not available (${errorMessage(error)}); notifications stay in the application (GET /notifications).`);
    return null;
  }
  if (!binary) {
    log('Mailpit is not available (install Go to build it, or set MAILPIT_PATH); notifications stay in the application (GET /notifications).');
    return null;
  }
  const args = [
    '--smtp',
    `127.0.0.1:${smtpPort}`,
    '--listen',
    `127.0.0.1:${uiPort}`,
    '--database',
    path.resolve(dataDir, 'mailpit.db'),
    '--quiet',
    '--disable-version-check',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new OutputTail(20);
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const uiUrl = `http://127.0.0.1:${uiPort}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      log(
        `Mailpit exited at start (exit code ${child.exitCode}; is port ${smtpPort} or ${uiPort} in use? set MAILPIT_SMTP_PORT / MAILPIT_UI_PORT). Last output:\n${output.text('    ')}`,
      );
      return null;
    }
    const ready = await fetch(`${uiUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      log(`Mailpit did not answer on ${uiUrl} within 15 s; notifications stay in the application. Last output:\n${output.text('    ')}`);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    uiUrl,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
