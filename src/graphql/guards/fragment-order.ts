/**
 * The fragments of a document ordered so that each comes after every fragment it spreads
 * (a post-order of the spread graph), computed without recursion: a document at the token limit
 * can chain a few thousand fragments. A cycle (which validation refuses before the guards run)
 * is cut where it closes.
 */
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export function fragmentsInDependencyOrder(
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of Object.keys(fragments)) {
    if (state.has(start)) continue;
    const stack: { name: string; pending: string[] }[] = [
      { name: start, pending: spreadNames(fragments[start].selectionSet) },
    ];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = top.pending.pop();
      if (next === undefined) {
        stack.pop();
        state.set(top.name, 'done');
        order.push(top.name);
      } else if (!state.has(next) && Object.hasOwn(fragments, next)) {
        state.set(next, 'open');
        stack.push({ name: next, pending: spreadNames(fragments[next].selectionSet) });
      }
    }
  }
  return order;
}

/** The fragments spread anywhere inside a selection set, each name once. */
export function spreadNames(selectionSet: SelectionSetNode): string[] {
  const names = new Set<string>();
  const sets = [selectionSet];
  for (let set = sets.pop(); set; set = sets.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) names.add(selection.name.value);
      else if (selection.selectionSet) sets.push(selection.selectionSet);
    }
  }
  return [...names];
}
