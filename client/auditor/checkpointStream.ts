// Its own module: the verify worker threads need the name without loading the checkpoint machinery.

/**
 * Where checkpoints are kept: their own stream in the event store, append-only and shared by
 * every API instance. It is left out of the root it commits to (a checkpoint cannot hold itself)
 * and is checked as a chain of its own: each checkpoint signs the hash of the one before.
 */
export const CHECKPOINT_STREAM = 'checkpoints-store';
