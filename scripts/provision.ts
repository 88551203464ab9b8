// `npm run provision`: fetch/build everything Temporal needs locally, once, and
// say where it is. Safe to re-run: it only does work that is still missing.
//   - the `temporal` CLI (dev server), used by `npm start` and end-to-end tests;
//   - the time-skipping test server launcher, used by `npm test`;
//   - Mailpit, the local mail catcher `npm start` sends notifications to.
import { createLog, errorMessage } from './log';
import { resolveGoTool } from './goTool';
import { MAILPIT } from './mailpit';
import { fromRepoRoot } from './repoPaths';
import { resolveTemporalCli, temporalCliMissingMessage } from './temporalCli';
import { resolveTestServerLauncher } from './testServer';

async function main(): Promise<number> {
  const log = createLog('provision');
  let failed = false;

  try {
    const cli = await resolveTemporalCli(log);
    if (cli) {
      log(`Temporal CLI (dev server):    ${fromRepoRoot(cli)}`);
    } else {
      log(temporalCliMissingMessage());
      failed = true;
    }
  } catch (error) {
    log(temporalCliMissingMessage(error));
    failed = true;
  }

  try {
    const mailpit = await resolveGoTool(MAILPIT, log);
    log(
      mailpit
        ? `Mailpit (mail catcher):       ${fromRepoRoot(mailpit)}`
        : 'Mailpit: not built (no Go); `npm start` then keeps notifications in the application only.',
    );
  } catch (error) {
    log(`Mailpit: FAILED - ${errorMessage(error)}`);
    failed = true;
  }

  try {
    const launcher = await resolveTestServerLauncher(log);
    log(`Time-skipping test server:    ${fromRepoRoot(launcher)}`);
  } catch (error) {
    log(`Time-skipping test server: FAILED - ${errorMessage(error)}`);
    failed = true;
  }

  log(failed ? 'Provisioning incomplete (see above).' : 'Everything Temporal needs is in place.');
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
