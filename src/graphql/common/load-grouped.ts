/**
 * A DataLoader batch whose keys carry a shared argument (a search query, a page size): one call
 * of `load` per distinct argument, each for its group of keys, answers put back in key order.
 */
export async function loadGrouped<Key, Group, Value>(
  keys: readonly Key[],
  groupOf: (key: Key) => Group,
  load: (group: Group, keys: Key[]) => Promise<Value[]>,
): Promise<Value[]> {
  const groups = new Map<Group, number[]>();
  keys.forEach((key, index) => {
    const group = groupOf(key);
    const positions = groups.get(group);
    if (positions === undefined) groups.set(group, [index]);
    else positions.push(index);
  });
  const values = new Array<Value>(keys.length);
  await Promise.all(
    [...groups].map(async ([group, positions]) => {
      const answers = await load(
        group,
        positions.map((position) => keys[position]),
      );
      positions.forEach((position, index) => (values[position] = answers[index]));
    }),
  );
  return values;
}
