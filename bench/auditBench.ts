// Section 'audit': whole-store verification and the read-model rebuild at scale (owned by the AUDIT part of issue 14).
import type { Log } from '../scripts/log';
import type { Figure } from './measure';

export interface AuditBenchOptions {
  dir: string;
  log: Log;
  report: (figure: Figure) => void;
}

export async function benchAudit({ log }: AuditBenchOptions): Promise<void> {
  log('audit section: not built yet');
}
