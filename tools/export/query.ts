/**
 * What an export query must look like, found from its text before anything is
 * sent: exactly one connection that selects `pageInfo { hasNextPage endCursor }`
 * and `edges { node { ... } }` (or `nodes { ... }`), takes `after: $after`,
 * with `$after: String` declared; and the columns of its nodes, in the order
 * the query selects them.
 */
import {
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export class QueryError extends Error {}

export interface ExportPlan {
  document: DocumentNode;
  operationName: string | null;
  /** Response keys from `data` down to the connection object. */
  connectionPath: string[];
  /** How nodes sit in the connection: `edges[].node` or `nodes[]`. */
  nodesVia: 'edges' | 'nodes';
  /** Response key of `edges` / `nodes`, and of `node` under edges. */
  nodesKey: string;
  nodeKey: string | null;
  /** Response key of `totalCount`, when the query selects it. */
  totalCountKey: string | null;
  /** Leaf paths of a node, dotted ("center.district.nameEn"), in selection order. */
  columns: string[];
}

type Fragments = Map<string, FragmentDefinitionNode>;
const keyOf = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** The fields a selection set asks for, with fragments (inline and named) spread in place. */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  seen = new Set<string>(),
): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment) throw new QueryError(`fragment ${name} is used but not defined`);
    if (seen.has(name)) return [];
    return fieldsOf(fragment.selectionSet, fragments, new Set([...seen, name]));
  });
}

/** All fields with this response key, merged: `... on School { name } ... on Library { name }` is one column. */
function childrenByKey(fields: FieldNode[]): Map<string, FieldNode[]> {
  const byKey = new Map<string, FieldNode[]>();
  for (const field of fields) byKey.set(keyOf(field), [...(byKey.get(keyOf(field)) ?? []), field]);
  return byKey;
}

const subfieldsOf = (fields: FieldNode[], fragments: Fragments) =>
  fields.flatMap((field) => fieldsOf(field.selectionSet, fragments));
const findField = (fields: FieldNode[], name: string) => fields.filter((field) => field.name.value === name);

/** Leaf paths under a selection, in the order first selected. */
export function leafColumns(fields: FieldNode[], fragments: Fragments, prefix = ''): string[] {
  const columns: string[] = [];
  for (const [key, same] of childrenByKey(fields)) {
    const children = subfieldsOf(same, fragments);
    const path = prefix ? `${prefix}.${key}` : key;
    columns.push(...(children.length === 0 ? [path] : leafColumns(children, fragments, path)));
  }
  return columns;
}

interface Candidate {
  path: string[];
  field: FieldNode;
  fields: FieldNode[];
}

/** Fields that select pageInfo, outermost only (a connection inside a node is just data). */
function connectionsUnder(fields: FieldNode[], fragments: Fragments, path: string[]): Candidate[] {
  const found: Candidate[] = [];
  for (const [key, same] of childrenByKey(fields)) {
    const children = subfieldsOf(same, fragments);
    if (children.length === 0) continue;
    if (findField(children, 'pageInfo').length > 0)
      found.push({ path: [...path, key], field: same[0], fields: children });
    else found.push(...connectionsUnder(children, fragments, [...path, key]));
  }
  return found;
}

const EXAMPLE = `query ($after: String) { programs(first: 100, after: $after) { totalCount edges { node { id title } } pageInfo { hasNextPage endCursor } } }`;

export function planExport(text: string, operationName?: string): ExportPlan {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw new QueryError(`the query does not parse: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) {
    throw new QueryError(
      operationName
        ? `the file has no operation named ${operationName}`
        : `the file must hold exactly one operation, it has ${operations.length}`,
    );
  }
  if (operation.operation !== OperationTypeNode.QUERY)
    throw new QueryError(`only queries can be exported, this is a ${operation.operation}`);
  const fragments: Fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

  const after = operation.variableDefinitions?.find((v) => v.variable.name.value === 'after');
  if (!after)
    throw new QueryError(
      `the query must declare \`$after: String\` and pass it to the connection (after: $after), e.g.\n  ${EXAMPLE}`,
    );
  if (after.type.kind !== Kind.NAMED_TYPE || after.type.name.value !== 'String') {
    throw new QueryError(
      '`$after` must be declared as `String` (nullable: the first page is asked for without a cursor)',
    );
  }

  const candidates = connectionsUnder(fieldsOf(operation.selectionSet, fragments), fragments, []);
  if (candidates.length === 0) {
    throw new QueryError(
      `the query selects no connection with \`pageInfo { hasNextPage endCursor }\`: export follows the cursors of one connection, e.g.\n  ${EXAMPLE}`,
    );
  }
  if (candidates.length > 1) {
    throw new QueryError(
      `the query selects ${candidates.length} connections with pageInfo (${candidates.map((c) => c.path.join('.')).join(', ')}): export follows one`,
    );
  }
  const [connection] = candidates;
  const where = connection.path.join('.');
  const pageInfo = subfieldsOf(findField(connection.fields, 'pageInfo'), fragments);
  const missing = ['hasNextPage', 'endCursor'].filter(
    (name) => !pageInfo.some((field) => field.name.value === name && !field.alias),
  );
  if (missing.length > 0)
    throw new QueryError(
      `${where} must select pageInfo { hasNextPage endCursor } (unaliased); missing: ${missing.join(', ')}`,
    );
  const takesAfter = connection.field.arguments?.some(
    (arg) => arg.name.value === 'after' && arg.value.kind === Kind.VARIABLE && arg.value.name.value === 'after',
  );
  if (!takesAfter) throw new QueryError(`${where} must take \`after: $after\`, or every page would be the first`);

  const edges = findField(connection.fields, 'edges');
  const nodes = findField(connection.fields, 'nodes');
  const totalCount = findField(connection.fields, 'totalCount')[0];
  const base = {
    document,
    operationName: operation.name?.value ?? null,
    connectionPath: connection.path,
    totalCountKey: totalCount ? keyOf(totalCount) : null,
  };
  if (edges.length > 0) {
    const node = findField(subfieldsOf(edges, fragments), 'node');
    if (node.length === 0) throw new QueryError(`${where}.edges must select node { ... }: the nodes are the rows`);
    return {
      ...base,
      nodesVia: 'edges',
      nodesKey: keyOf(edges[0]),
      nodeKey: keyOf(node[0]),
      columns: leafColumns(subfieldsOf(node, fragments), fragments),
    };
  }
  if (nodes.length > 0) {
    return {
      ...base,
      nodesVia: 'nodes',
      nodesKey: keyOf(nodes[0]),
      nodeKey: null,
      columns: leafColumns(subfieldsOf(nodes, fragments), fragments),
    };
  }
  throw new QueryError(`${where} must select edges { node { ... } } (or nodes { ... }): the nodes are the rows`);
}
