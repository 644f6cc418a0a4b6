/**
 * The fields an operation selects once its fragment spreads and inline fragments are expanded, as
 * execution sees them. The node limit and the rate limits count on these, so that writing a query
 * with fragments side-steps neither. Type conditions and `@skip`/`@include` are not evaluated: a
 * limit counts the worst case.
 *
 * Usage: `for (const { node } of selectedFields(operation.selectionSet, fragmentsOf(document))) …`
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export interface SelectedField {
  node: FieldNode;
  /**
   * The fragments entered on the way to this field. A walk below it enters none of them again, so
   * that a fragment cycle ends even if the walk runs before validation refuses it.
   */
  within: ReadonlySet<string>;
}

export function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** The operation that runs: the one `operationName` names, or the document's only one (else null, as graphql-js). */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | null {
  return getOperationAST(document, operationName ?? undefined) ?? null;
}

/** The fields `set` selects, through fragment spreads and inline fragments (in document order). */
export function selectedFields(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  within: ReadonlySet<string> = new Set(),
): SelectedField[] {
  const fields: SelectedField[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      fields.push({ node: selection, within });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...selectedFields(selection.selectionSet, fragments, within));
    } else if (!within.has(selection.name.value)) {
      const name = selection.name.value;
      fields.push(...selectedFields(fragments.get(name)?.selectionSet, fragments, new Set([...within, name])));
    }
  }
  return fields;
}

/** The fields selected under `field`, through fragments, without entering a fragment `field` is within. */
export function subfields(field: SelectedField, fragments: Fragments): SelectedField[] {
  return selectedFields(field.node.selectionSet, fragments, field.within);
}
