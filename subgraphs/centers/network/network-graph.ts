/**
 * The link graph for analysts: institutions as nodes, partnerships and
 * co-hosted programs (a partner hosting programs at a center) as edges. Edges
 * come from two grouped statements per step (one over partnerships, one over
 * programs grouped by center and host), whatever the number of nodes; node
 * details are left to the owning subgraphs through the Institution union.
 */
import { raw, type FilterQuery } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { PARTNER_TYPENAMES, type InstitutionTypename, type PartnerTypename } from '../../../lib/typenames';
import { AGREED_STATUSES, Partnership, PartnershipKind } from './partnership.entity';
import { Program, ProgramStatus } from '../programs/program.entity';
import type { ProgramTrack } from '../programs/program-track';

export enum NetworkEdgeKind {
  PARTNERSHIP = 'PARTNERSHIP',
  CO_HOSTED_PROGRAM = 'CO_HOSTED_PROGRAM',
}
registerEnumType(NetworkEdgeKind, {
  name: 'NetworkEdgeKind',
  description: 'A partnership between a center and a partner, or programs a partner hosts at a center.',
});

@ObjectType({ description: 'An institution of the link graph.' })
export class NetworkNode {
  @Field(() => ID, { description: 'Typename and id, e.g. "Library:LIB0001"; edges refer to it.' }) id!: string;
  @Field(() => String, {
    description:
      'The Institution member: LearningCenter, School, Library, CulturalCenter, CivilProvider or EducationOffice.',
  })
  typename!: PartnerTypename;
  @Field(() => ID, { description: 'The id of the institution in its own subgraph.' }) institutionId!: string;
  @Field(() => Int, { description: 'How many edges of this graph touch it.' }) degree!: number;
  @Field(() => Int, { nullable: true, description: 'Hops from the institution asked about (institutionLinks only).' })
  distance!: number | null;
}

@ObjectType({ description: 'A link between a learning center (source) and another institution (target).' })
export class NetworkEdge {
  @Field(() => ID, { description: 'The partnership id, or "CO_HOSTED_PROGRAM:<source>:<target>".' }) id!: string;
  @Field(() => ID, { description: "The center's node id." }) source!: string;
  @Field(() => ID, { description: "The partner's or host's node id." }) target!: string;
  @Field(() => NetworkEdgeKind) kind!: NetworkEdgeKind;
  @Field(() => PartnershipKind, { nullable: true, description: 'For PARTNERSHIP edges.' })
  partnershipKind!: PartnershipKind | null;
  @Field(() => Boolean, { nullable: true, description: 'For PARTNERSHIP edges: not ended.' }) active!: boolean | null;
  @Field(() => Int, { description: 'Programs the target hosts at the source (CO_HOSTED_PROGRAM); 0 for partnerships.' })
  programCount!: number;
  @Field(() => Int, { description: '1 for a partnership, the program count for co-hosted programs.' }) weight!: number;
}

@ObjectType({ description: 'Institutions and their links.' })
export class NetworkGraph {
  @Field(() => [NetworkNode], { description: 'By typename, then id.' }) nodes!: NetworkNode[];
  @Field(() => [NetworkEdge], { description: 'By kind, source, target, then id.' }) edges!: NetworkEdge[];
}

export interface GraphFilter {
  edgeKinds: readonly NetworkEdgeKind[];
  partnershipKinds: readonly PartnershipKind[] | null;
  tracks: readonly ProgramTrack[] | null;
  /** Active partnerships and published programs only; otherwise ended partnerships and archived programs too (never drafts). */
  activeOnly: boolean;
}

interface NodeRef {
  typename: PartnerTypename;
  id: string;
}
export const nodeId = ({ typename, id }: NodeRef): string => `${typename}:${id}`;

/** Which rows an edge query covers: a district (or the city), or the edges touching some nodes. */
type Scope = { districtCode: string | null } | { touching: readonly NodeRef[] };

function touchingCondition(
  nodes: readonly NodeRef[],
  centerProperty: string,
  typeProperty: string,
  idProperty: string,
) {
  const centers = nodes.filter((node) => node.typename === 'LearningCenter').map((node) => node.id);
  const others = PARTNER_TYPENAMES.map((typename) => ({
    typename,
    ids: nodes.filter((node) => node.typename === typename).map((node) => node.id),
  })).filter(({ ids }) => ids.length > 0);
  return {
    $or: [
      ...(centers.length > 0 ? [{ [centerProperty]: { $in: centers } }] : []),
      ...others.map(({ typename, ids }) => ({ [typeProperty]: typename, [idProperty]: { $in: ids } })),
    ],
  };
}

function scopeCondition(scope: Scope, typeProperty: string, idProperty: string) {
  if ('touching' in scope) return touchingCondition(scope.touching, 'center', typeProperty, idProperty);
  return scope.districtCode ? { districtCode: scope.districtCode } : {};
}

async function partnershipEdges(ctx: SubgraphContext, scope: Scope, filter: GraphFilter): Promise<NetworkEdge[]> {
  if (!filter.edgeKinds.includes(NetworkEdgeKind.PARTNERSHIP)) return [];
  const where = {
    $and: [
      scopeCondition(scope, 'partnerType', 'partnerId'),
      // The graph shows agreed links only: a proposal, or a declined one, is no link (and is not public).
      filter.activeOnly ? { active: true } : { status: { $in: AGREED_STATUSES } },
      filter.partnershipKinds ? { kind: { $in: [...filter.partnershipKinds] } } : {},
    ],
  } as FilterQuery<Partnership>;
  const rows = await ctx.em.find(Partnership, where);
  return rows.map((row) =>
    Object.assign(new NetworkEdge(), {
      id: row.id,
      source: nodeId({ typename: 'LearningCenter', id: row.center.id }),
      target: nodeId({ typename: row.partnerType, id: row.partnerId }),
      kind: NetworkEdgeKind.PARTNERSHIP,
      partnershipKind: row.kind,
      active: row.active,
      programCount: 0,
      weight: 1,
    }),
  );
}

async function coHostedEdges(ctx: SubgraphContext, scope: Scope, filter: GraphFilter): Promise<NetworkEdge[]> {
  if (!filter.edgeKinds.includes(NetworkEdgeKind.CO_HOSTED_PROGRAM)) return [];
  const statuses = filter.activeOnly ? [ProgramStatus.PUBLISHED] : [ProgramStatus.PUBLISHED, ProgramStatus.ARCHIVED];
  const where = {
    $and: [
      scopeCondition(scope, 'hostType', 'hostId'),
      // Programs that were public only: a draft archived without being published never counts.
      { status: { $in: statuses }, publishedAt: { $ne: null } },
      filter.tracks ? { track: { $in: [...filter.tracks] } } : {},
    ],
  };
  const rows: { center_id: string; host_type: InstitutionTypename; host_id: string; programs: number | string }[] =
    await ctx.em
      .createQueryBuilder(Program, 'e0')
      .select(['center', 'hostType', 'hostId'])
      .addSelect(raw('count(*) as programs'))
      .where(where as never)
      .groupBy(['center', 'hostType', 'hostId'])
      .execute('all', false);
  return rows
    .filter((row) => !(row.host_type === 'LearningCenter' && row.host_id === row.center_id)) // a center's own programs link nothing
    .map((row) => {
      const source = nodeId({ typename: 'LearningCenter', id: row.center_id });
      const target = nodeId({ typename: row.host_type, id: row.host_id });
      return Object.assign(new NetworkEdge(), {
        id: `${NetworkEdgeKind.CO_HOSTED_PROGRAM}:${source}:${target}`,
        source,
        target,
        kind: NetworkEdgeKind.CO_HOSTED_PROGRAM,
        partnershipKind: null,
        active: null,
        programCount: Number(row.programs),
        weight: Number(row.programs),
      });
    });
}

async function edgesIn(ctx: SubgraphContext, scope: Scope, filter: GraphFilter): Promise<NetworkEdge[]> {
  const [partnerships, programs] = await Promise.all([
    partnershipEdges(ctx, scope, filter),
    coHostedEdges(ctx, scope, filter),
  ]);
  return [...partnerships, ...programs];
}

const refOf = (id: string): NodeRef => {
  const at = id.indexOf(':');
  return { typename: id.slice(0, at) as PartnerTypename, id: id.slice(at + 1) };
};

function toGraph(
  edges: Iterable<NetworkEdge>,
  distances: ReadonlyMap<string, number> | null,
  extraNodes: readonly string[] = [],
): NetworkGraph {
  const sortedEdges = [...edges].sort(
    (a, b) =>
      compare(a.kind, b.kind) || compare(a.source, b.source) || compare(a.target, b.target) || compare(a.id, b.id),
  );
  const degrees = new Map<string, number>(extraNodes.map((id) => [id, 0]));
  for (const edge of sortedEdges) {
    degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + 1);
    degrees.set(edge.target, (degrees.get(edge.target) ?? 0) + 1);
  }
  const nodes = [...degrees].map(([id, degree]) => {
    const ref = refOf(id);
    return Object.assign(new NetworkNode(), {
      id,
      typename: ref.typename,
      institutionId: ref.id,
      degree,
      distance: distances?.get(id) ?? null,
    });
  });
  nodes.sort((a, b) => compare(a.typename, b.typename) || compare(a.institutionId, b.institutionId));
  return Object.assign(new NetworkGraph(), { nodes, edges: sortedEdges });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The graph of one district's centers (their partners may lie elsewhere), or of the whole city. */
export async function districtGraph(
  ctx: SubgraphContext,
  districtCode: string | null,
  filter: GraphFilter,
): Promise<NetworkGraph> {
  return toGraph(await edgesIn(ctx, { districtCode }, filter), null);
}

/** Breadth first from one institution: every link of the nodes fewer than `depth` hops away. */
export async function linksOf(
  ctx: SubgraphContext,
  root: NodeRef,
  depth: number,
  filter: GraphFilter,
): Promise<NetworkGraph> {
  const rootId = nodeId(root);
  const distances = new Map([[rootId, 0]]);
  const edges = new Map<string, NetworkEdge>();
  let frontier = [rootId];
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const edge of await edgesIn(ctx, { touching: frontier.map(refOf) }, filter)) {
      edges.set(edge.id, edge);
      for (const end of [edge.source, edge.target]) {
        if (distances.has(end)) continue;
        distances.set(end, hop);
        next.push(end);
      }
    }
    frontier = next;
  }
  return toGraph(edges.values(), distances, [rootId]);
}
