import type { Role } from '../domain/roles';
import { processNamed } from '../domain/processes';

/** Roles as people say them. */
const ROLE_NAMES: Record<Role, string> = {
  'hr-specialist': 'HR specialist',
  executive: 'Executive',
  employee: 'Employee (GS-15)',
  'opm-rotation-team': 'OPM rotation team',
  'opm-qrb-staff': 'OPM QRB staff',
  'qrb-member': 'QRB member',
  supervisor: 'Supervisor',
  'appointing-authority': 'Appointing authority',
  'home-agency-official': 'Home agency official',
  'host-agency-official': 'Host agency official',
  'executive-resources-office': 'Executive resources office',
  auditor: 'Auditor',
  admin: 'Administrator',
  system: 'The workflow',
};

/** The processes' names as the pages say them; a process without one here is called by its definition's title. */
const PROCESS_NAMES: Record<string, string> = {
  qrb: 'QRB certification',
  probation: 'Probationary period',
  onboarding: 'Onboarding',
  rotation: 'Rotation assignment',
};

export const processName = (process: string): string =>
  (Object.hasOwn(PROCESS_NAMES, process) ? PROCESS_NAMES[process] : undefined) ?? processNamed(process)?.title ?? process;

/** "CertifyProbation" reads "Certify probation"; "REMOVAL_PROPOSED" reads "Removal proposed". */
export const sentence = (code: string): string => {
  const words =
    code.includes('_') || code === code.toUpperCase()
      ? code.toLowerCase().split(/[_-]+/)
      : code
          .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
          .toLowerCase()
          .split(/[\s-]+/);
  const text = words
    .join(' ')
    .replace(/\bqrb\b/g, 'QRB')
    .replace(/\becq(s?)\b/g, 'ECQ$1')
    .replace(/\bhr\b/g, 'HR')
    .replace(/\bopm\b/g, 'OPM')
    .replace(/\bprb\b/g, 'PRB');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const roleName = (role: string): string => ROLE_NAMES[role as Role] ?? sentence(role);

/** An ISO date or instant as a person reads it: "Mar 4, 2026". */
export const dayText = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: iso.length === 10 ? 'UTC' : undefined });
};

/** `seconds`: where several entries fall in one minute (an access log). */
export const instantText = (iso: string | null | undefined, { seconds = false } = {}): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-US', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
      });
};

/** A case's own page: the same path as its JSON in the API. */
export const casePath = (process: string, caseId: string): string => `/${process}-cases/${encodeURIComponent(caseId)}`;
