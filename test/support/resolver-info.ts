/**
 * The resolver info of a field of a query, as graphql-js hands it to the field's resolver, made
 * from the real schema without running anything: for tests of what a resolver reads from its
 * `info` (schema/read-ahead).
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { schema } from '../../schema/index.js';

/**
 * The resolver info and arguments of the field at `path` (response keys from the query's root)
 * when `query` runs, as graphql-js hands them to the resolver. Under an interface (an entity), the
 * path goes on through its first object type (Organisation).
 */
export function resolverInput(
  query: string,
  path: readonly string[],
  inputs: Record<string, unknown> = {},
): { info: GraphQLResolveInfo; args: Record<string, unknown> } {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (variables.errors) throw variables.errors[0];
  const variableValues = variables.coerced;

  let parentType = schema.getQueryType()!;
  let selections: readonly SelectionSetNode[] = [operation.selectionSet];
  let responsePath: GraphQLResolveInfo['path'] | undefined;
  for (const [depth, key] of path.entries()) {
    const fieldNodes = selections.flatMap((set) => fieldsNamed(set, key, parentType, fragments));
    if (fieldNodes.length === 0) throw new Error(`no field ${key} on ${parentType.name}`);
    const fieldName = fieldNodes[0]!.name.value;
    const field = parentType.getFields()[fieldName]!;
    responsePath = { prev: responsePath, key, typename: parentType.name };
    if (depth === path.length - 1) {
      const info: GraphQLResolveInfo = {
        fieldName,
        fieldNodes,
        returnType: field.type,
        parentType,
        path: responsePath,
        schema,
        fragments,
        rootValue: undefined,
        operation,
        variableValues,
      };
      return { info, args: getArgumentValues(field, fieldNodes[0]!, variableValues) };
    }
    parentType = objectTypeOf(field.type);
    selections = fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  }
  throw new Error('empty path');
}

/** The fields of `set` under the response key `key`, through fragments that apply to `type`. */
function fieldsNamed(
  set: SelectionSetNode,
  key: string,
  type: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  const applies = (condition: string | undefined) =>
    !condition || condition === type.name || type.getInterfaces().some((i) => i.name === condition);
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return (selection.alias ?? selection.name).value === key ? [selection] : [];
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value]! : selection;
    return applies(fragment.typeCondition?.name.value) ? fieldsNamed(fragment.selectionSet, key, type, fragments) : [];
  });
}

function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType {
  const named = getNamedType(type);
  if (isAbstractType(named)) return schema.getPossibleTypes(named)[0]!;
  return named as GraphQLObjectType;
}
