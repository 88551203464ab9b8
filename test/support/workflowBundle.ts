import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowBundleOptions } from '../../scripts/bundleRelease';

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The production workflow bundle (with its tracing interceptors and failure converter), built once per test process (webpack takes seconds). */
export const workflowBundle = (): Promise<WorkflowBundleWithSourceMap> => (bundle ??= bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietLogger }));
