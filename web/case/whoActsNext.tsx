import { dayText, roleName, sentence } from '../words';
import type { Timeline } from './timeline';

/** Who must act next and by when: each pending decision with its person or role, due date and an overdue tag. */
export const WhoActsNext = ({ pending, me }: { pending: Timeline['pending']; me: string }) =>
  pending.length === 0 ? (
    <p data-testid="who-acts-next">Nobody has to decide anything now.</p>
  ) : (
    <ul class="usa-list" data-testid="who-acts-next">
      {pending.map((p) => (
        <li key={`${p.action}-${p.assigneeId ?? p.assigneeRole}`}>
          <span class="text-bold">{sentence(p.action)}</span>:{' '}
          {p.assigneeId === null ? `any ${roleName(p.assigneeRole)}` : `${p.assigneeId === me ? 'you' : p.assigneeId} (${roleName(p.assigneeRole)})`}
          {p.dueOn ? `, due ${dayText(p.dueOn)}` : ', no due date'}
          {p.overdue && <span class="usa-tag bg-secondary-dark margin-left-1">Overdue</span>}
          <br />
          <span class="text-base-dark">{p.note}</span>
        </li>
      ))}
    </ul>
  );
