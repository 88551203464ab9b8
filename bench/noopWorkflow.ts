// The end-to-end baseline: a workflow that does nothing, so starting and awaiting
// it measures only the Temporal round trip. Bundled by its own worker, on its own
// task queue, so the production bundle (workflows/) stays untouched.
export async function noopWorkflow(): Promise<void> {}
