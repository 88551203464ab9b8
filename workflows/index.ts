// Everything the worker bundles: one export per process workflow.
export { qrbCase } from './qrbCase';
