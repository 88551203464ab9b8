// Everything the worker bundles. A workflow type no function here is named after runs the default
// export (Temporal's dynamic workflow), and the process workflow finds its process by that type in
// domain/processCatalog.ts: adding a process adds no line here.
import './zodJitless';
export { processWorkflow as default } from './processWorkflow';
