import { stateDiff } from '../../domain/stateDiff';

export interface LiveComparison {
  same: boolean;
  /** Each field where the record and the running workflow disagree; a side is undefined where the field is absent. */
  differences: { path: string; replayed: unknown; live: unknown }[];
}

/**
 * The case rebuilt from its events against the workflow's own answer to its status query:
 * the record and the engine must tell the same story, and where they do not, which field differs.
 */
export const compareWithLive = (replayedState: unknown, liveState: unknown): LiveComparison => {
  const differences = stateDiff(replayedState, liveState).map(({ path, before, after }) => ({ path, replayed: before, live: after }));
  return { same: differences.length === 0, differences };
};
