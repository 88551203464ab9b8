import { ecqsOf } from '../../domain/ecqFrameworks';
import type { QrbState } from '../../domain/qrb';
import { sentence } from '../words';

const RATING_WORDS = { meets: 'Meets', 'does-not-meet': 'Does not meet' } as const;

/** The board's votes ECQ by ECQ: each member's rating, the count each way, and the board's result once decided. */
export const QrbTally = ({ state }: { state: QrbState }) => {
  if (state.board.length === 0) return <p class="text-base-dark">No board has been convened yet: there are no votes.</p>;
  const ecqs = state.ecqs.length > 0 ? state.ecqs : state.ecqFramework ? [...ecqsOf(state.ecqFramework)] : [];
  const ratingOf = (memberId: string, ecq: string) => state.votes.find((v) => v.memberId === memberId)?.ratings[ecq];
  const resultOf = (ecq: string) => state.decision?.ecqResults.find((r) => r.ecq === ecq);
  return (
    <div class="usa-table-container--scrollable" tabIndex={0}>
      <table class="usa-table usa-table--borderless width-full" data-testid="qrb-tally">
        <caption>
          Round {state.round}: {state.votes.length} of {state.board.length} members have voted
        </caption>
        <thead>
          <tr>
            <th scope="col">ECQ</th>
            {state.board.map((m) => (
              <th scope="col" key={m.id}>
                {m.id}
              </th>
            ))}
            <th scope="col">Meets</th>
            <th scope="col">Does not meet</th>
            {state.decision && <th scope="col">Result</th>}
          </tr>
        </thead>
        <tbody>
          {ecqs.map((ecq) => {
            const ratings = state.board.map((m) => ratingOf(m.id, ecq));
            const result = resultOf(ecq);
            return (
              <tr key={ecq}>
                <th scope="row">{sentence(ecq)}</th>
                {state.board.map((m, i) => (
                  <td key={m.id}>{ratings[i] ? RATING_WORDS[ratings[i]] : <span class="text-base-dark">Not yet voted</span>}</td>
                ))}
                <td>{ratings.filter((r) => r === 'meets').length}</td>
                <td>{ratings.filter((r) => r === 'does-not-meet').length}</td>
                {state.decision && <td class="text-bold">{result?.passed ? 'Meets' : 'Does not meet'}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
