/**
 * Every string an operation passes, in any argument of any field, at any depth of an input object
 * or list, from a literal or a variable, is checked before a resolver runs: PostgreSQL text holds
 * neither NUL (U+0000) nor an unpaired UTF-16 surrogate, so such a string could only end in a
 * database error. The first bad one is refused with BAD_USER_INPUT naming its argument path.
 *
 * Inputs whose items a mutation checks one by one (VerdictInput: each verdict's texts get the
 * per-item INVALID_TEXT in `userErrors`, and the rest of the batch is stored) are left to it.
 */
import {
  getArgumentValues,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { rootTypeOf } from './root-type';
import { badUserInput } from '../common/errors';
import { spreadNames } from './fragment-order';

/** Input types a service validates item by item, with per-item user errors. */
const ITEM_VALIDATED_INPUTS = new Set(['VerdictInput']);

/** Why a string cannot be stored, or null when it can. */
export function unstorableTextReason(value: string): string | null {
  if (value.includes('\u0000'))
    return 'must not contain NUL characters (U+0000), but one was found';
  if (!value.isWellFormed()) return 'must be valid Unicode, but it contains an unpaired surrogate';
  return null;
}

/** Throws BAD_USER_INPUT for the first unstorable string among the operation's arguments. */
export function checkStringArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): void {
  const root = rootTypeOf(schema, operation);
  if (!root) return;
  checkSelectionSet(schema, operation.selectionSet, root, variables);
  // Each fragment the operation uses, once: its arguments are the same wherever it is spread.
  const used = new Set(spreadNames(operation.selectionSet));
  for (const name of used) {
    const fragment = fragments[name];
    if (!fragment) continue;
    for (const spread of spreadNames(fragment.selectionSet)) used.add(spread);
    const type = schema.getType(fragment.typeCondition.name.value);
    if (type) checkSelectionSet(schema, fragment.selectionSet, type, variables);
  }
}

function checkSelectionSet(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  variables: Record<string, unknown>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) continue; // checked once, by checkStringArguments
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? (schema.getType(selection.typeCondition.name.value) ?? parent)
        : parent;
      checkSelectionSet(schema, selection.selectionSet, type, variables);
      continue;
    }
    if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    if (field.args.length > 0) {
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(field, selection, variables);
      } catch {
        continue; // Execution reports invalid arguments with their own coded error.
      }
      for (const argument of field.args) {
        if (argument.name in values)
          checkValue(values[argument.name], argument.type, argument.name, field.name);
      }
    }
    if (selection.selectionSet)
      checkSelectionSet(schema, selection.selectionSet, getNamedType(field.type), variables);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, fieldName: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    if (reason) throw badUserInput(`Argument ${path} of ${fieldName} ${reason}.`, path);
    return;
  }
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (isListType(unwrapped) && Array.isArray(value)) {
    value.forEach((item, index) =>
      checkValue(item, unwrapped.ofType, `${path}[${index}]`, fieldName),
    );
    return;
  }
  if (
    isInputObjectType(unwrapped) &&
    typeof value === 'object' &&
    !ITEM_VALIDATED_INPUTS.has(unwrapped.name)
  ) {
    const fields = unwrapped.getFields();
    for (const [name, item] of Object.entries(value)) {
      const inputField = fields[name];
      if (inputField) checkValue(item, inputField.type, `${path}.${name}`, fieldName);
    }
  }
}
