import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowsPath } from '../../worker/createWorker';

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The production workflow bundle, built once per test process (webpack takes seconds). */
export const workflowBundle = (): Promise<WorkflowBundleWithSourceMap> =>
  (bundle ??= bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietLogger }));
