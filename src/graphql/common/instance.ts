/**
 * A row as an instance of its GraphQL object type's class. type-graphql hands a field resolver
 * its root as an instance of the class, and when the root is a plain row it builds one, a new
 * object and a copy of every column, at every call: on a page of 100 verdicts with their models,
 * that was 800 copies of rows already in memory. Rows made instances once, where they enter the
 * GraphQL layer (the loaders, the verdict pages), pass type-graphql's `instanceof` check as they
 * are. The classes declare their fields without initialisers, so the instance holds exactly the
 * row's properties, as type-graphql's own copy does.
 */
import type { ClassType } from 'type-graphql';

/** The row, with the class as its prototype; its static type stays the row's. */
export function asInstance<Row extends object>(type: ClassType<object>, row: Row): Row {
  return Object.assign(Object.create(type.prototype) as Row, row);
}

/** The same for a loader's answers, keeping its nulls. */
export function asInstances<Row extends object>(
  type: ClassType<object>,
  rows: readonly (Row | null)[],
): (Row | null)[] {
  return rows.map((row) => (row === null ? null : asInstance(type, row)));
}
