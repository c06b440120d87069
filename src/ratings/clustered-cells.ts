import { checkNonNegativeInteger } from './arguments';
import { checkCells, type PairCell } from './cells';

/**
 * A cell of one cluster: the verdicts of one prompt (the cluster) that share (model A, model B,
 * score, weight). Verdicts on one prompt are correlated (the prompt's difficulty and topic move
 * every answer to it), so the independent unit for an interval is the prompt, not the verdict
 * (Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference"; Miller 2024,
 * "Adding Error Bars to Evals", §3 on clustered standard errors).
 */
export interface ClusteredCell extends PairCell {
  /** Any non-negative integer naming the cluster (e.g. a prompt id). */
  cluster: number;
}

/**
 * The clustered cells as the plain cells the fit reads (one per distinct (A, B, score, weight),
 * summed over clusters) and, per clustered cell, which plain cell and which dense cluster it is:
 * what a cluster bootstrap needs to rebuild the plain counts from cluster multiplicities.
 */
export interface ClusterLayout {
  cells: PairCell[];
  /** Per clustered cell: its plain cell. */
  cellOf: Int32Array;
  /** Per clustered cell: its cluster, renumbered 0..clusterCount−1 in first-seen order. */
  clusterOf: Int32Array;
  /** Per clustered cell: its verdict count. */
  counts: Float64Array;
  clusterCount: number;
}

export function layoutClusters(
  clustered: readonly ClusteredCell[],
  modelCount: number,
  argument = 'cells',
): ClusterLayout {
  checkCells(clustered, modelCount, argument);
  const cellByKey = new Map<string, number>();
  const clusterById = new Map<number, number>();
  const cells: PairCell[] = [];
  const cellOf = new Int32Array(clustered.length);
  const clusterOf = new Int32Array(clustered.length);
  const counts = new Float64Array(clustered.length);
  clustered.forEach((cell, index) => {
    checkNonNegativeInteger(`${argument}[${index}].cluster`, cell.cluster);
    const key = `${cell.modelA},${cell.modelB},${cell.score},${cell.weight}`;
    let plain = cellByKey.get(key);
    if (plain === undefined) {
      plain = cells.length;
      cellByKey.set(key, plain);
      cells.push({ ...pairPart(cell), count: 0 });
    }
    cells[plain].count += cell.count;
    let dense = clusterById.get(cell.cluster);
    if (dense === undefined) {
      dense = clusterById.size;
      clusterById.set(cell.cluster, dense);
    }
    cellOf[index] = plain;
    clusterOf[index] = dense;
    counts[index] = cell.count;
  });
  return { cells, cellOf, clusterOf, counts, clusterCount: clusterById.size };
}

function pairPart({ modelA, modelB, score, weight }: ClusteredCell): Omit<PairCell, 'count'> {
  return { modelA, modelB, score, weight };
}
