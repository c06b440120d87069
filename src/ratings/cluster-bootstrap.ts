import { bootstrapWithResampler, type BootstrapOptions, type BootstrapResult } from './bootstrap';
import { layoutClusters, type ClusteredCell } from './clustered-cells';
import { sampleMultinomial } from './random';

export interface ClusterBootstrapResult extends BootstrapResult {
  /** Clusters (prompts) resampled each round. */
  clusterCount: number;
}

/**
 * The cluster (block) bootstrap of the Bradley–Terry ratings: each round draws the clusters with
 * replacement, each with all of its verdicts, so the correlation within a prompt is carried into
 * every resample (Davison & Hinkley 1997, §3.8, resampling the highest level of a hierarchy;
 * Cameron, Gelbach & Miller 2008 "Bootstrap-based improvements for inference with clustered
 * errors"; Field & Welsh 2007). Drawing G clusters with replacement is one Multinomial(G, 1/G)
 * draw of multiplicities, and a plain cell's count is Σ multiplicity·count over its clustered
 * cells, so a round costs O(clustered cells), never O(verdicts). The rest (refit, re-anchor,
 * percentile intervals) is the verdict bootstrap's (bootstrap.ts).
 */
export function bootstrapClusteredBradleyTerry(
  clustered: ClusteredCell[],
  modelCount: number,
  options: BootstrapOptions = {},
): ClusterBootstrapResult {
  const layout = layoutClusters(clustered, modelCount);
  const { cells, cellOf, clusterOf, counts, clusterCount } = layout;
  const equalWeights = new Float64Array(clusterCount).fill(1);
  const roundCounts = new Float64Array(cells.length);
  const result = bootstrapWithResampler(cells, modelCount, options, (random) => {
    roundCounts.fill(0);
    if (clusterCount === 0) return roundCounts;
    const multiplicity = sampleMultinomial(random, clusterCount, equalWeights);
    for (let index = 0; index < cellOf.length; index += 1) {
      const times = multiplicity[clusterOf[index]];
      if (times > 0) roundCounts[cellOf[index]] += times * counts[index];
    }
    return roundCounts;
  });
  return { ...result, clusterCount };
}
