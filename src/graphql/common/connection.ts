/**
 * Relay-style connections (https://relay.dev/graphql/connections.htm) with opaque keyset cursors.
 * Cursors: see cursor.ts.
 */
import { ClassType, Field, ObjectType } from 'type-graphql';
import { decodeCursor, encodeCursor } from './cursor';
import { badUserInput } from './errors';
import type { Page, PageRequest } from '../../services/pages';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ description: 'Where a page sits in its list.', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'True when this page was asked for with `after`.' })
  hasPreviousPage!: boolean;
  @Field(() => String, {
    description: 'Cursor of the first item; null on an empty page.',
    nullable: true,
  })
  startCursor!: string | null;
  @Field(() => String, {
    description:
      'Cursor of the last item; pass it as `after` for the next page. Null on an empty page.',
    nullable: true,
  })
  endCursor!: string | null;
}

/** `first` checked against `max`, or `fallback` when absent. */
export function pageSize(
  first: number | null | undefined,
  fallback = DEFAULT_PAGE_SIZE,
  max = MAX_PAGE_SIZE,
): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw badUserInput(`first must be a whole number from 0 to ${max}, but got ${size}.`, 'first');
  }
  return size;
}

export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest {
  return { first: pageSize(first), afterId: after ? decodeCursor(after) : null };
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
}

export function toConnection<Row extends { id: number }>(
  page: Page<Row>,
  request: PageRequest,
): Connection<Row> {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.id), node: row }));
  return {
    edges,
    nodes: page.rows,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: request.afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The base of a `<Noun>Connection` type (extend it with `@ObjectType()`), and its `<Noun>Edge`. */
export function ConnectionType<Node extends object>(nodeType: ClassType<Node>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`, {
    description: `One ${nodeName} of a page, with its cursor.`,
    simpleResolvers: true,
  })
  class EdgeType {
    @Field(() => String, {
      description: 'Opaque cursor of this item; pass it as `after` to start after it.',
    })
    cursor!: string;
    @Field(() => nodeType, { description: 'The item.' }) node!: Node;
  }

  // `simple` per field: a subclass's own @ObjectType options decide for inherited fields.
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [EdgeType], {
      description: 'The items of this page with their cursors.',
      simple: true,
    })
    edges!: EdgeType[];
    @Field(() => [nodeType], {
      description: 'The nodes of edges, for clients that need no cursors.',
      simple: true,
    })
    nodes!: Node[];
    @Field(() => PageInfo, { description: 'Where this page sits in the list.', simple: true })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

export const FIRST_DESCRIPTION = `How many items, at most ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`;
export const AFTER_DESCRIPTION = 'The endCursor of the previous page.';
