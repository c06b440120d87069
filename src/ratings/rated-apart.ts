import { checkCells, cellMass, playedModels, type PairCell } from './cells';
import { stronglyConnectedComponents, winGraph } from './comparison-graph';

/**
 * Which models a plain Bradley–Terry fit can rate, and which it must rate apart. A finite MLE
 * exists iff the directed win graph is strongly connected (Zermelo 1929, Ford 1957; see
 * comparison-graph.ts). Rather than let a model that never won (or a group that never lost to the
 * rest) drag every rating to a ridge's whim, the fit keeps one strongly connected component — the
 * one with the most verdicts inside it — and every other model is listed apart with why. The kept
 * component's ratings are then exactly what they would be without the others (DESIGN.md §6).
 */
export type ApartReason =
  /** Every comparison it had was a loss. */
  | 'NEVER_WON'
  /** Every comparison it had was a win. */
  | 'NEVER_LOST'
  /** It won some, but neither it nor any model it beat ever beat a rated model. */
  | 'BELOW_RATED_GROUP'
  /** It lost some, but neither it nor any model that beat it ever lost to a rated model. */
  | 'ABOVE_RATED_GROUP'
  /** No chain of comparisons leads from it to the rated models in either direction. */
  | 'NOT_CONNECTED'
  /** No group of models has both won and lost against each other, so nobody can be rated. */
  | 'NO_RATED_GROUP';

export interface ApartModel {
  model: number;
  reason: ApartReason;
}

export interface ModelSeparation {
  /** Models of the kept component (all played models when the graph is strongly connected). */
  rated: boolean[];
  /** Played models outside it, in index order. */
  apart: ApartModel[];
}

export function separateUnratedModels(
  cells: readonly PairCell[],
  modelCount: number,
): ModelSeparation {
  checkCells(cells, modelCount);
  const played = playedModels(cells, modelCount);
  const nodes = played.flatMap((isPlayed, model) => (isPlayed ? [model] : []));
  const beats = winGraph(cells, modelCount);
  const { components, componentOf } = stronglyConnectedComponents(nodes, beats);
  if (components.length <= 1) return { rated: played, apart: [] };

  const core = largestComponent(cells, components, componentOf);
  const rated = new Array<boolean>(modelCount).fill(false);
  if (core >= 0) for (const model of components[core]) rated[model] = true;
  const below = reachable(rated, beats);
  const above = reachable(rated, reversedGraph(beats, nodes));
  const { won, lost } = decisiveRecord(cells, modelCount);
  const apart: ApartModel[] = [];
  for (const model of nodes) {
    if (rated[model]) continue;
    let reason: ApartReason;
    if (!won[model]) reason = 'NEVER_WON';
    else if (!lost[model]) reason = 'NEVER_LOST';
    else if (core < 0) reason = 'NO_RATED_GROUP';
    else if (below[model]) reason = 'BELOW_RATED_GROUP';
    else if (above[model]) reason = 'ABOVE_RATED_GROUP';
    else reason = 'NOT_CONNECTED';
    apart.push({ model, reason });
  }
  return { rated, apart };
}

/**
 * The component with the most verdicts between its own members (then more models, then the lowest
 * model index, so the choice is deterministic); -1 when no component holds a comparison, as when
 * one model beat another and nothing else happened.
 */
function largestComponent(
  cells: readonly PairCell[],
  components: readonly number[][],
  componentOf: readonly number[],
): number {
  const inside = new Array<number>(components.length).fill(0);
  for (const cell of cells) {
    const component = componentOf[cell.modelA];
    if (cellMass(cell) > 0 && component === componentOf[cell.modelB])
      inside[component] += cell.count;
  }
  let best = -1;
  components.forEach((members, index) => {
    if (!(inside[index] > 0)) return;
    if (
      best < 0 ||
      inside[index] > inside[best] ||
      (inside[index] === inside[best] &&
        (members.length > components[best].length ||
          (members.length === components[best].length && members[0] < components[best][0])))
    )
      best = index;
  });
  return best;
}

/** Models reached from any `start` model along `edges`. */
function reachable(start: readonly boolean[], edges: readonly number[][]): boolean[] {
  const seen = [...start];
  const stack = start.flatMap((isStart, model) => (isStart ? [model] : []));
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const next of edges[node]) {
      if (!seen[next]) {
        seen[next] = true;
        stack.push(next);
      }
    }
  }
  return seen;
}

function reversedGraph(edges: readonly number[][], nodes: readonly number[]): number[][] {
  const reversed: number[][] = edges.map(() => []);
  for (const node of nodes) for (const next of edges[node]) reversed[next].push(node);
  return reversed;
}

/** Whether each model ever scored above 0 (won or tied) and ever below 1 (lost or tied). */
function decisiveRecord(
  cells: readonly PairCell[],
  modelCount: number,
): { won: boolean[]; lost: boolean[] } {
  const won = new Array<boolean>(modelCount).fill(false);
  const lost = new Array<boolean>(modelCount).fill(false);
  for (const cell of cells) {
    if (!(cellMass(cell) > 0)) continue;
    if (cell.score > 0) {
      won[cell.modelA] = true;
      lost[cell.modelB] = true;
    }
    if (cell.score < 1) {
      lost[cell.modelA] = true;
      won[cell.modelB] = true;
    }
  }
  return { won, lost };
}
