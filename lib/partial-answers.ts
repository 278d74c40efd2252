/**
 * The partial-answer rule, checked over the composed supergraph: a field
 * whose value may come from a subgraph other than the one that answered its
 * parent must be nullable, so that subgraph's failure costs exactly that field
 * (and one error) rather than nulling its way up to the parent. Two kinds:
 *
 * 1. contributed: a field one subgraph adds to an entity owned by another
 *    (Dong.culturalCenters from cultural-centers, Library.programs from centers);
 * 2. reference: a field whose type is an entity owned by another subgraph (or a
 *    union of such), since the fields selected on it come from its owner
 *    (Program.host, School.district).
 *
 * Ownership is the design's table (lib/entity-owners.ts); a new entity without
 * an owner is itself a violation.
 */
import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type TypeNode } from 'graphql';
import type { SubgraphName } from './config';
import { ownerOf } from './entity-owners';

/** `CULTURAL_CENTERS` (the supergraph's join__Graph value) -> `cultural-centers`. */
const graphName = (value: string) => value.toLowerCase().replace(/_/g, '-');

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.ENUM || arg.value.kind === Kind.STRING) return arg.value.value;
  if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
  return undefined;
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

export interface NullabilityViolation {
  /** `Type.field` */
  field: string;
  kind: 'contributed' | 'reference' | 'unowned entity';
  message: string;
}

/** Every field of the supergraph that breaks the rule (none, when it holds). */
export function nullabilityViolations(supergraphSdl: string | DocumentNode): NullabilityViolation[] {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const violations: NullabilityViolation[] = [];
  const unionMembers = new Map<string, string[]>();
  const objects = document.definitions.filter(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION,
  );
  const entities = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.UNION_TYPE_DEFINITION)
      unionMembers.set(
        definition.name.value,
        (definition.types ?? []).map((t) => t.name.value),
      );
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
      definition.directives?.some((d) => d.name.value === 'join__type' && argument(d, 'key') !== undefined)
    ) {
      entities.add(definition.name.value);
      if (!ownerOf(definition.name.value)) {
        violations.push({
          field: definition.name.value,
          kind: 'unowned entity',
          message: `entity ${definition.name.value} has no owner in ENTITY_OWNERS (lib/entity-owners.ts)`,
        });
      }
    }
  }
  /** The owners of the entities a field of this type can lead to. */
  const ownersOf = (typeName: string): SubgraphName[] =>
    (unionMembers.get(typeName) ?? [typeName])
      .filter((t) => entities.has(t))
      .map(ownerOf)
      .filter((owner): owner is SubgraphName => owner !== undefined);

  for (const type of objects) {
    if (type.kind !== Kind.OBJECT_TYPE_DEFINITION && type.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (type.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => graphName(String(argument(d, 'graph'))));
    const owner = ownerOf(type.name.value);
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      // A field with no join__field is resolvable wherever its type is.
      const graphs =
        joins.length === 0
          ? typeGraphs
          : joins.filter((d) => argument(d, 'external') !== true).map((d) => graphName(String(argument(d, 'graph'))));
      const keyField = (type.directives ?? []).some(
        (d) =>
          d.name.value === 'join__type' &&
          String(argument(d, 'key') ?? '')
            .split(/\s+/)
            .includes(field.name.value),
      );
      const name = `${type.name.value}.${field.name.value}`;
      if (owner && entities.has(type.name.value) && !keyField && graphs.length > 0 && !graphs.includes(owner)) {
        violations.push({
          field: name,
          kind: 'contributed',
          message: `${name} is added to ${owner}'s ${type.name.value} by ${graphs.join(', ')}: make it nullable`,
        });
        continue;
      }
      const foreign = ownersOf(namedType(field.type)).filter((o) => !graphs.includes(o));
      if (foreign.length > 0 && graphs.length > 0) {
        violations.push({
          field: name,
          kind: 'reference',
          message: `${name} (${graphs.join(', ')}) leads to entities of ${[...new Set(foreign)].join(', ')}: make it nullable`,
        });
      }
    }
  }
  return violations;
}
