/**
 * The models a slice rates apart (Leaderboard.ratedApart): without a finite Bradley–Terry
 * estimate (never lost, never won, or a group cut off from the rest), they are out of the fit
 * and the centring, so the board above leaves them out; here each is shown with its record, the
 * reason and its one-sided bound, as the design's trust rules ask.
 */
import { ModelLink } from './model-link';
import type { RatedApartModel } from '../api/types';
import { count, rating } from '../format';
import { DownloadableTable } from './table-download';

function bound(model: RatedApartModel): string {
  if (model.ratingLowerBound !== null) return `at least ${rating(model.ratingLowerBound)}`;
  if (model.ratingUpperBound !== null) return `at most ${rating(model.ratingUpperBound)}`;
  return model.boundUnavailableReason ?? '–';
}

export function RatedApartTable({
  models,
  confidenceLevel,
}: {
  models: RatedApartModel[];
  confidenceLevel: number;
}) {
  if (models.length === 0) return null;
  const level = `${Math.round(confidenceLevel * 100)}%`;
  return (
    <DownloadableTable name="rated-apart">
      <div class="scroll">
        <table class="compact rated-apart">
          <caption>
            Rated apart: no finite rating in this slice, so not on the board above (which is as it
            would be without them); each with its record and a one-sided {level} bound on the
            board’s scale
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Why</th>
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
                Battles
              </th>
              <th scope="col">Rating</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.model.name} data-apart-model={model.model.name}>
                <th scope="row">
                  <ModelLink name={model.model.name} />
                </th>
                <td>{model.explanation}</td>
                <td class="num">{count(model.wins)}</td>
                <td class="num">{count(model.losses)}</td>
                <td class="num">{count(model.ties)}</td>
                <td class="num">{count(model.battles)}</td>
                <td>{bound(model)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}
