import type { DelegationEvent } from '../delegation/events';
import type { DelegationState } from '../delegation/state';
import type { Notice } from './notice';
import { caseIdOf, notice, person, recipients, roleName, runTable, type CaseRef, type NoticeTable } from './table';

// Silent: none (both delegation events are told to both people).
export const DELEGATION_SILENT_EVENT_TYPES = [] as const;

const Name = (ref: CaseRef) => `Delegation ${ref.caseId}`;

/** The official of record who delegates and the acting official. */
const bothPeople = (state: DelegationState) => recipients(person(state.grant?.from), person(state.grant?.to));

const DELEGATION_NOTICES: NoticeTable<DelegationEvent, DelegationState> = {
  DelegationGranted: (e, _b, after, ref) => {
    const { role, approvals, validFrom, validUntil } = e.data.grant;
    return [
      notice(ref, {
        kind: 'delegation.granted',
        to: bothPeople(after),
        subject: `${Name(ref)}: acting ${roleName(role)}, ${validFrom} to ${validUntil}`,
        body: `${Name(ref)} was granted on ${ref.on}: from ${validFrom} through ${validUntil} the acting official may take these approvals of the ${roleName(role)} of record: ${approvals.join(', ')}. Each decision taken under it records both people; it may be revoked before it ends.`,
      }),
    ];
  },
  DelegationRevoked: (_e, before, after, ref) => {
    const grant = after.grant ?? before.grant;
    return [
      notice(ref, {
        kind: 'delegation.revoked',
        to: bothPeople(after.grant ? after : before),
        subject: `${Name(ref)}: revoked`,
        body: `${Name(ref)}${grant ? ` (${roleName(grant.role)}, ${grant.validFrom} through ${grant.validUntil})` : ''} was revoked on ${ref.on}. The acting official may no longer take its approvals; the official of record takes them again.`,
      }),
    ];
  },
};

/** The notices of one delegation event (stream `delegation-<delegationId>`). */
export const delegationNotices = (event: DelegationEvent, before: DelegationState, after: DelegationState, stream: string): Notice[] => {
  const delegationId = caseIdOf(stream, 'delegation-', after.grant?.delegationId);
  const agency = (after.grant ?? before.grant)?.agency ?? null;
  return runTable(DELEGATION_NOTICES, event, before, after, { caseId: delegationId, casePath: `/delegations/${delegationId}`, agency });
};
