/**
 * What a cached read depends on, and what a mutation changed, as tags (gateway/response-cache.ts):
 * - `Type:id` for each object of the response with its id (or code), `Type:?` for one without;
 * - `type:Type` for every object of that type in the response, whatever its id;
 * - `list:Type` for a list or connection of that type (its members and count may change).
 * Both sides walk the response data along the operation's selections with the schema's types, so no
 * `__typename` needs to be asked for (an abstract type without it stands for each of its possible types).
 */
import {
  getNamedType,
  Kind,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Counts over many types (coverage): any successful mutation may change them. */
const AGGREGATE_TYPES = ['CityCoverage', 'DistrictCoverage'];

/** Lists that stand for another type's changes: the feeds list programs and notices (a publish joins, an edit moves). */
const LISTS_OF: Record<string, string> = { FeedProgram: 'Program', FeedNotice: 'Notice' };

/** What a change of one type also changes elsewhere: an enrollment takes or frees a seat of its program. */
const ALSO_CHANGES: Record<string, string[]> = { Enrollment: ['Program'] };

type Fragments = Record<string, FragmentDefinitionNode>;
type Json = Record<string, unknown>;

const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object types a value of `type` can be: its own, the one its __typename names, or every possible one. */
function runtimeTypes(schema: GraphQLSchema, type: GraphQLCompositeType, value: Json): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  const named = typeof value.__typename === 'string' ? schema.getType(value.__typename) : undefined;
  if (named && isObjectType(named)) return [named];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

/** The field nodes of a selection set that apply to `type` (fragments spread, type conditions checked). */
function fieldsFor(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  fragments: Fragments,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : type;
      const applies =
        condition === type || (condition && isAbstractType(condition) && schema.isSubType(condition, type));
      if (applies) fieldsFor(schema, fragment.selectionSet, type, fragments, out);
    }
  }
  return out;
}

/** The type a list or connection field holds: T for [T], the node type for a TConnection. */
function listedType(field: { type: GraphQLOutputType }): string | undefined {
  const named = getNamedType(field.type);
  if (isListType(getNullableType(field.type))) return named.name;
  if (isObjectType(named) && named.name.endsWith('Connection')) {
    const edges = named.getFields().edges ?? named.getFields().nodes;
    const node = edges && getNamedType(edges.type);
    const item = node && isObjectType(node) && node.getFields().node ? getNamedType(node.getFields().node.type) : node;
    return item?.name;
  }
  return undefined;
}

function listTag(typeName: string): string {
  return `list:${LISTS_OF[typeName] ?? typeName}`;
}

interface Visit {
  schema: GraphQLSchema;
  fragments: Fragments;
  /** Each object met: its possible types and its id (or code) when selected. */
  onObject(types: readonly GraphQLObjectType[], id: string | undefined): void;
  onList(typeName: string): void;
}

function walk(visit: Visit, type: GraphQLCompositeType, selectionSet: SelectionSetNode, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(visit, type, selectionSet, item);
    return;
  }
  if (!isJsonObject(value)) return;
  const types = runtimeTypes(visit.schema, type, value);
  const key = value.id ?? value.code;
  visit.onObject(types, typeof key === 'string' || typeof key === 'number' ? String(key) : undefined);
  for (const runtime of types) {
    for (const node of fieldsFor(visit.schema, selectionSet, runtime, visit.fragments)) {
      const field = runtime.getFields()[node.name.value];
      if (!field) continue; // __typename
      const listed = listedType(field);
      if (listed) visit.onList(listed);
      const named = getNamedType(field.type);
      const child = value[node.alias?.value ?? node.name.value];
      if (node.selectionSet && isCompositeType(named) && child != null) walk(visit, named, node.selectionSet, child);
    }
  }
}

function fragmentsOf(document: { definitions: readonly { kind: string }[] }): Fragments {
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition')
      fragments[(definition as FragmentDefinitionNode).name.value] = definition as FragmentDefinitionNode;
  }
  return fragments;
}

export interface TaggedOperation {
  schema: GraphQLSchema;
  document: { definitions: readonly { kind: string }[] };
  operation: OperationDefinitionNode;
  data: Json;
}

/** The tags of a read's result. */
export function readTags({ schema, document, operation, data }: TaggedOperation): string[] {
  const tags = new Set<string>();
  const root = schema.getQueryType();
  if (!root) return [];
  walk(
    {
      schema,
      fragments: fragmentsOf(document),
      onObject(types, id) {
        for (const type of types) {
          tags.add(`type:${type.name}`);
          tags.add(`${type.name}:${id ?? '?'}`);
        }
      },
      onList: (typeName) => tags.add(listTag(typeName)),
    },
    root,
    operation.selectionSet,
    data,
  );
  return [...tags];
}

/**
 * The tags a mutation's result invalidates; none when it changed nothing. A payload that is null, carries
 * userErrors or returns null for its object changed nothing (bad input changes nothing). For the object a
 * payload returns: its `Type:id`, `Type:?` and `list:Type` (lists it may join, leave or move in); when it
 * was not selected, its whole type. What that change also changes (ALSO_CHANGES) is invalidated by the id
 * the payload shows, else type-wide; counts (AGGREGATE_TYPES) always.
 */
export function changedTags({ schema, document, operation, data }: TaggedOperation): string[] {
  const root = schema.getMutationType();
  if (!root) return [];
  const fragments = fragmentsOf(document);
  const tags = new Set<string>();
  const changed = (typeName: string, id: string | undefined, lists = true) => {
    tags.add(id === undefined ? `type:${typeName}` : `${typeName}:${id}`);
    tags.add(`${typeName}:?`);
    if (lists) tags.add(`list:${typeName}`);
  };
  for (const node of fieldsFor(schema, operation.selectionSet, root, fragments)) {
    const field = root.getFields()[node.name.value];
    const payload = data[node.alias?.value ?? node.name.value];
    const payloadType = field && getNamedType(field.type);
    if (!payloadType || !isObjectType(payloadType) || !isJsonObject(payload) || !node.selectionSet) continue;
    if (Array.isArray(payload.userErrors) && payload.userErrors.length > 0) continue;
    const objects = Object.entries(payloadType.getFields()).filter(
      ([name, f]) => name !== 'userErrors' && isCompositeType(getNamedType(f.type)),
    );
    if (objects.some(([name]) => payload[name] === null)) continue; // "null when it changed nothing"
    const selections = fieldsFor(schema, node.selectionSet, payloadType, fragments);
    for (const [name, objectField] of objects) {
      const type = getNamedType(objectField.type) as GraphQLCompositeType;
      const selection = selections.find((f) => f.name.value === name);
      const value = selection ? payload[selection.alias?.value ?? name] : undefined;
      const types = isJsonObject(value)
        ? runtimeTypes(schema, type, value)
        : isAbstractType(type)
          ? schema.getPossibleTypes(type)
          : [type as GraphQLObjectType];
      for (const runtime of types) {
        const id = isJsonObject(value) ? (value.id ?? value.code) : undefined;
        changed(runtime.name, typeof id === 'string' || typeof id === 'number' ? String(id) : undefined);
        for (const also of ALSO_CHANGES[runtime.name] ?? []) {
          // The related object as the payload shows it (enrollment { program { id } }), else all of its type.
          const related = isJsonObject(value)
            ? Object.values(value).find(
                (v) => isJsonObject(v) && v.id !== undefined && relatedIs(runtime, value, v, also),
              )
            : undefined;
          changed(also, isJsonObject(related) ? String(related.id) : undefined, false);
        }
      }
    }
  }
  if (tags.size === 0) return [];
  for (const aggregate of AGGREGATE_TYPES) tags.add(`type:${aggregate}`);
  return [...tags];
}

/** Whether `child`, a value inside `parent` (of type `parentType`), is the field of type `typeName`. */
function relatedIs(parentType: GraphQLObjectType, parent: Json, child: Json, typeName: string): boolean {
  const key = Object.keys(parent).find((k) => parent[k] === child);
  const field = key ? parentType.getFields()[key] : undefined;
  return !!field && getNamedType(field.type).name === typeName;
}
