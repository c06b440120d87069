import { cellMass, type PairCell } from './cells';

/**
 * When does the Bradley–Terry MLE exist? Zermelo (1929) and Ford (1957): a finite maximiser of
 * the likelihood exists, unique up to the common shift, iff for every split of the models into two
 * non-empty groups some model of each group has beaten some model of the other, i.e. the directed
 * "i has win mass over j" graph is strongly connected (Hunter 2004, Assumption 1). A tie (score
 * strictly between 0 and 1) puts mass in both directions. When the graph is not strongly
 * connected, a group that never loses to outsiders can be pushed up forever and the likelihood
 * only approaches its supremum.
 */
export interface MaximumLikelihoodExistence {
  exists: boolean;
  /** Human-readable reason naming the models (by index, or by `modelLabel`), or null when the MLE exists. */
  problem: string | null;
}

export function checkMaximumLikelihoodExists(
  cells: readonly PairCell[],
  modelCount: number,
  played: readonly boolean[],
  modelLabel: (model: number) => string = String,
): MaximumLikelihoodExistence {
  const neighbours: number[][] = Array.from({ length: modelCount }, () => []);
  let everyEdgeBothWays = true;
  for (const cell of cells) {
    if (!(cellMass(cell) > 0)) continue;
    if (cell.score === 0 || cell.score === 1) everyEdgeBothWays = false;
    neighbours[cell.modelA].push(cell.modelB);
    neighbours[cell.modelB].push(cell.modelA);
  }
  const playedModels = range(modelCount).filter((model) => played[model]);
  if (playedModels.length === 0) return { exists: true, problem: null };

  const components = connectedComponents(playedModels, neighbours);
  if (components.length > 1) {
    const listed = components
      .slice(0, 5)
      .map((component) => `{${formatIndices(component, modelLabel)}}`);
    const more = components.length > 5 ? ` and ${components.length - 5} more` : '';
    return {
      exists: false,
      problem:
        `the comparison graph is disconnected into ${components.length} groups that never met: ` +
        `${listed.join(', ')}${more}; ratings in different groups are not comparable`,
    };
  }

  // With win mass both ways on every edge, the directed graph is the undirected one: connected
  // is strongly connected (the usual case once pairs are summed; it spares a bootstrap round the
  // directed graph and its SCC pass).
  if (everyEdgeBothWays) return { exists: true, problem: null };
  const beats = winGraph(cells, modelCount);
  const strong = stronglyConnectedComponents(playedModels, beats);
  if (strong.components.length === 1) return { exists: true, problem: null };

  const reasons: string[] = [];
  const hasIncoming = new Array<boolean>(strong.components.length).fill(false);
  const hasOutgoing = new Array<boolean>(strong.components.length).fill(false);
  for (const winner of playedModels) {
    for (const loser of beats[winner]) {
      const from = strong.componentOf[winner];
      const to = strong.componentOf[loser];
      if (from !== to) {
        hasOutgoing[from] = true;
        hasIncoming[to] = true;
      }
    }
  }
  strong.components.forEach((component, index) => {
    if (!hasIncoming[index]) {
      reasons.push(
        component.length === 1
          ? `model ${modelLabel(component[0])} never loses`
          : `models ${formatIndices(component, modelLabel)} never lose to a model outside that group`,
      );
    }
  });
  strong.components.forEach((component, index) => {
    if (!hasOutgoing[index]) {
      reasons.push(
        component.length === 1
          ? `model ${modelLabel(component[0])} never wins`
          : `models ${formatIndices(component, modelLabel)} never beat a model outside that group`,
      );
    }
  });
  return { exists: false, problem: `no finite maximum-likelihood estimate: ${reasons.join('; ')}` };
}

/** The directed "has win mass over" graph: beats[i] lists every j that i beat (or tied). */
export function winGraph(cells: readonly PairCell[], modelCount: number): number[][] {
  const beats: number[][] = Array.from({ length: modelCount }, () => []);
  for (const cell of cells) {
    if (!(cellMass(cell) > 0)) continue;
    if (cell.score > 0) beats[cell.modelA].push(cell.modelB);
    if (cell.score < 1) beats[cell.modelB].push(cell.modelA);
  }
  return beats;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** "3, 4, 7" (or their labels) with at most 20 shown. */
function formatIndices(
  indices: readonly number[],
  modelLabel: (model: number) => string = String,
): string {
  const shown = indices.slice(0, 20).map(modelLabel).join(', ');
  return indices.length > 20 ? `${shown} and ${indices.length - 20} more` : shown;
}

function connectedComponents(
  nodes: readonly number[],
  neighbours: readonly number[][],
): number[][] {
  const seen = new Set<number>();
  const components: number[][] = [];
  for (const start of nodes) {
    if (seen.has(start)) continue;
    const component: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const node = stack.pop() as number;
      component.push(node);
      for (const next of neighbours[node]) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return components;
}

/**
 * Strongly connected components by Kosaraju's two passes (iterative, so deep graphs cannot
 * overflow the call stack): finish order on the graph, then reachability on the reversed graph.
 */
export function stronglyConnectedComponents(
  nodes: readonly number[],
  edges: readonly number[][],
): { components: number[][]; componentOf: number[] } {
  const size = edges.length;
  const visited = new Uint8Array(size);
  const finishOrder: number[] = [];
  for (const start of nodes) {
    if (visited[start]) continue;
    visited[start] = 1;
    const stack: Array<[number, number]> = [[start, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, nextEdge] = top;
      if (nextEdge < edges[node].length) {
        top[1] += 1;
        const next = edges[node][nextEdge];
        if (!visited[next]) {
          visited[next] = 1;
          stack.push([next, 0]);
        }
      } else {
        stack.pop();
        finishOrder.push(node);
      }
    }
  }
  const reversed: number[][] = Array.from({ length: size }, () => []);
  for (const node of nodes) for (const next of edges[node]) reversed[next].push(node);
  const componentOf = new Array<number>(size).fill(-1);
  const components: number[][] = [];
  for (let position = finishOrder.length - 1; position >= 0; position -= 1) {
    const start = finishOrder[position];
    if (componentOf[start] !== -1) continue;
    const index = components.length;
    const component: number[] = [];
    const stack = [start];
    componentOf[start] = index;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      component.push(node);
      for (const next of reversed[node]) {
        if (componentOf[next] === -1) {
          componentOf[next] = index;
          stack.push(next);
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return { components, componentOf };
}
