/** The style coefficients fitted with the ratings, under names a reader knows. */
import type { StyleCoefficient as Coefficient } from '../api/types';
import { decimal, rating } from '../format';
import { DownloadableTable } from './table-download';

/** The API's feature ids (STYLE_FEATURE_NAMES) as the page names them. */
const FEATURE_LABELS: Record<string, string> = {
  tokenLength: 'answer length (tokens)',
  markdownHeaders: 'Markdown headers',
  listItems: 'list items',
  boldSpans: 'bold spans',
};

export function featureLabel(feature: string): string {
  return FEATURE_LABELS[feature] ?? feature;
}

function coefficientInterval(coefficient: Coefficient): string {
  const { ciLower, ciUpper } = coefficient;
  return ciLower !== null && ciLower !== undefined && ciUpper !== null && ciUpper !== undefined
    ? `${decimal(ciLower)} – ${decimal(ciUpper)}`
    : '–';
}

export function StyleCoefficientsTable({ coefficients }: { coefficients: Coefficient[] }) {
  if (coefficients.length === 0) return null;
  return (
    <DownloadableTable name="style-coefficients">
      <div class="scroll">
        <table class="compact style-coefficients">
          <caption>
            Style coefficients, fitted with the ratings: how much one standard deviation more of a
            feature than the other answer moves the odds of winning
          </caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" class="num">
                Log-odds per SD
              </th>
              <th scope="col" class="num">
                Interval
              </th>
              <th scope="col" class="num">
                Elo points per SD
              </th>
            </tr>
          </thead>
          <tbody>
            {coefficients.map((coefficient) => (
              <tr key={coefficient.feature} data-feature={coefficient.feature}>
                <th scope="row" title={coefficient.feature}>
                  {featureLabel(coefficient.feature)}
                </th>
                <td class="num">{decimal(coefficient.coefficient)}</td>
                <td class="num">{coefficientInterval(coefficient)}</td>
                <td class="num">{rating(coefficient.eloPointsPerStandardDeviation)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DownloadableTable>
  );
}
