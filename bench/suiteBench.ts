// Section 'suite': the wall time of the whole test suite (owned by the SUITE part of issue 14).
import type { Log } from '../scripts/log';
import type { Figure } from './measure';

export interface SuiteBenchOptions {
  log: Log;
  report: (figure: Figure) => void;
}

export async function benchSuite({ log }: SuiteBenchOptions): Promise<void> {
  log('suite section: not built yet');
}
