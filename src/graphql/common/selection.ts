/**
 * What a query asks for below the field being resolved, so a resolver can load up front only the
 * rows the nested fields will need. Fragments (named and inline) are followed; `@skip` and
 * `@include` are not read, so a skipped field may be loaded for nothing, never the reverse.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields selected directly inside these fields, by name, through any fragments. */
function childFields(fields: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const field of fields) visit(field.selectionSet);
  return found;
}

/** True when the query selects any of these paths below the current field. */
export function selectsAny(
  info: GraphQLResolveInfo,
  paths: readonly (readonly string[])[],
): boolean {
  return paths.some((path) => {
    let fields: readonly FieldNode[] = info.fieldNodes;
    for (const name of path) {
      fields = childFields(fields, info).filter((field) => field.name.value === name);
      if (fields.length === 0) return false;
    }
    return true;
  });
}
