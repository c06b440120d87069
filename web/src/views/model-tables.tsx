/** The model page's tables: opponents, categories, answer style against the field, latest battles. */
import type { AnswerStyle, ModelCategoryRecord, VerdictSummary, WinRate } from '../api/types';
import { ModelLink } from '../components/model-link';
import { DownloadableTable } from '../components/table-download';
import { count, decimal, excerpt, percent } from '../format';
import { hrefOf } from '../state/location';

/** Win rate counts decisive verdicts only, as the matrices do: ties are in the battles. */
export function OpponentsTable({
  model,
  winRates,
  params,
}: {
  model: string;
  winRates: WinRate[];
  params: URLSearchParams;
}) {
  const rows = winRates
    .filter((cell) => cell.modelA.name === model && cell.battles > 0)
    .sort((x, y) => y.battles - x.battles || x.modelB.name.localeCompare(y.modelB.name));
  const versus = (opponent: string) => {
    const next = new URLSearchParams(params);
    next.set('a', model);
    next.set('b', opponent);
    return hrefOf('head-to-head', next);
  };
  return (
    <DownloadableTable name="opponents">
      <div class="scroll">
        <table class="opponents" data-opponents="">
          <caption>
            Against each opponent: battles, and the share of decisive verdicts {model} won (ties
            excluded), beside what the ratings predict
          </caption>
          <thead>
            <tr>
              <th scope="col">Opponent</th>
              <th scope="col" class="num">
                Battles
              </th>
              <th scope="col" class="num">
                Won (observed)
              </th>
              <th scope="col" class="num">
                Predicted
              </th>
              <th scope="col">Battles</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cell) => (
              <tr key={cell.modelB.name} data-opponent={cell.modelB.name}>
                <th scope="row">
                  <ModelLink name={cell.modelB.name} />
                </th>
                <td class="num">{count(cell.battles)}</td>
                <td class="num">{percent(cell.empirical)}</td>
                <td class="num">{percent(cell.predicted)}</td>
                <td>
                  <a href={versus(cell.modelB.name)} data-decoration="">
                    head to head
                  </a>
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  {model} is not rated on this leaderboard, so it has no opponents to show.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}

export function CategoriesTable({ categories }: { categories: ModelCategoryRecord[] }) {
  return (
    <DownloadableTable name="categories">
      <div class="scroll">
        <table data-categories="">
          <caption>By prompt category, most verdicts first</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" class="num">
                Battles
              </th>
              <th scope="col" class="num">
                W
              </th>
              <th scope="col" class="num">
                L
              </th>
              <th scope="col" class="num">
                T
              </th>
              <th scope="col" class="num">
                Won of decisive
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((row) => (
              <tr key={row.category ?? ''} data-category={row.category ?? ''}>
                <th scope="row">{row.category ?? '(none)'}</th>
                <td class="num">{count(row.battles)}</td>
                <td class="num">{count(row.wins)}</td>
                <td class="num">{count(row.losses)}</td>
                <td class="num">{count(row.ties)}</td>
                <td class="num">
                  {percent(
                    row.wins + row.losses === 0 ? null : (100 * row.wins) / (row.wins + row.losses),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}

const STYLE_ROWS: {
  label: string;
  value: (style: AnswerStyle) => number | null;
  digits: number;
}[] = [
  { label: 'Answer length (tokens)', value: (style) => style.meanTokenLength, digits: 0 },
  { label: 'Markdown headers', value: (style) => style.meanHeaders, digits: 2 },
  { label: 'List items', value: (style) => style.meanListItems, digits: 2 },
  { label: 'Bold spans', value: (style) => style.meanBold, digits: 2 },
];

export function AnswerStyleTable({
  model,
  own,
  field,
}: {
  model: string;
  own: AnswerStyle;
  field: AnswerStyle;
}) {
  return (
    <DownloadableTable name="answer-style">
      <div class="scroll">
        <table data-answer-style="">
          <caption>
            Mean per answer: {model}’s {count(own.answers)} stored answers against the{' '}
            {count(field.answers)} of every other model in the same verdicts
          </caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" class="num">
                {model}
              </th>
              <th scope="col" class="num">
                Field
              </th>
              <th scope="col" class="num">
                Ratio
              </th>
            </tr>
          </thead>
          <tbody>
            {STYLE_ROWS.map(({ label, value, digits }) => {
              const mine = value(own);
              const theirs = value(field);
              return (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td class="num">{decimal(mine, digits)}</td>
                  <td class="num">{decimal(theirs, digits)}</td>
                  <td class="num">
                    {mine === null || theirs === null || theirs === 0
                      ? '–'
                      : `${(mine / theirs).toFixed(2)}×`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}

/** The verdict from the model's side: its opponent, and whether it won, lost or tied. */
function fromSide(verdict: VerdictSummary, model: string) {
  const isA = verdict.modelA.name === model;
  const opponent = isA ? verdict.modelB.name : verdict.modelA.name;
  const aWon = verdict.outcome === 'A_MUCH_BETTER' || verdict.outcome === 'A_BETTER';
  const bWon = verdict.outcome === 'B_MUCH_BETTER' || verdict.outcome === 'B_BETTER';
  const result = !aWon && !bWon ? 'tie' : aWon === isA ? 'won' : 'lost';
  return { opponent, result };
}

export function RecentBattles({
  model,
  verdicts,
  params,
}: {
  model: string;
  verdicts: VerdictSummary[];
  params: URLSearchParams;
}) {
  return (
    <DownloadableTable name="recent-battles">
      <div class="scroll">
        <table data-recent-battles="">
          <caption>Latest verdicts, newest first (open one to read both answers)</caption>
          <thead>
            <tr>
              <th scope="col">Decided</th>
              <th scope="col">Prompt</th>
              <th scope="col">Opponent</th>
              <th scope="col">Result</th>
              <th scope="col">Judge</th>
            </tr>
          </thead>
          <tbody>
            {verdicts.map((verdict) => {
              const { opponent, result } = fromSide(verdict, model);
              return (
                <tr key={verdict.id} data-verdict={verdict.id}>
                  <td>{verdict.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>
                    <a href={hrefOf('battle', params, verdict.id)}>
                      {excerpt(verdict.prompt.text ?? verdict.prompt.externalId ?? '')}
                    </a>
                  </td>
                  <td>
                    <ModelLink name={opponent} />
                  </td>
                  <td class={`result ${result}`}>{result}</td>
                  <td>{verdict.judge.name}</td>
                </tr>
              );
            })}
            {verdicts.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  No verdict of {model} in this slice.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}
