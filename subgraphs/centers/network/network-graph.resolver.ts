import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { badInput } from '../../../lib/errors';
import { District } from '../places/district.entity';
import { Institution, memberByRef } from '../institutions/institution';
import { InstitutionRefInput } from '../institutions/institution-ref.input';
import { TYPENAME_OF } from '../institutions/institution-type';
import { LearningCenter } from '../places/learning-center.entity';
import { districtGraph, linksOf, NetworkEdgeKind, NetworkGraph, NetworkNode, type GraphFilter } from './network-graph';
import { PartnershipKind } from './partnership.entity';
import { ProgramTrack } from '../programs/program-track';

export const MAX_LINK_DEPTH = 3;
const ALL_EDGE_KINDS = Object.values(NetworkEdgeKind);

function graphFilter(
  edgeKinds: NetworkEdgeKind[] | null | undefined,
  partnershipKinds: PartnershipKind[] | null | undefined,
  tracks: ProgramTrack[] | null | undefined,
  activeOnly: boolean,
): GraphFilter {
  return {
    edgeKinds: edgeKinds ?? ALL_EDGE_KINDS,
    partnershipKinds: partnershipKinds ?? null,
    tracks: tracks ?? null,
    activeOnly,
  };
}

/** The filter arguments both graph queries take, declared once. */
const args = {
  edgeKinds: () =>
    Arg('edgeKinds', () => [NetworkEdgeKind], { nullable: true, description: 'Both kinds when left out.' }),
  partnershipKinds: () =>
    Arg('partnershipKinds', () => [PartnershipKind], {
      nullable: true,
      description: 'Partnership edges of these kinds only.',
    }),
  tracks: () =>
    Arg('tracks', () => [ProgramTrack], {
      nullable: true,
      description: 'Co-hosted program edges count programs of these tracks only.',
    }),
  activeOnly: () =>
    Arg('activeOnly', () => Boolean, {
      defaultValue: true,
      description:
        'Active partnerships and published programs only; false adds ended partnerships and archived programs.',
    }),
};

@Resolver(() => NetworkGraph)
export class NetworkGraphResolver {
  @Query(() => NetworkGraph, {
    description:
      "The link graph of a district's centers and their partners, or of the whole city without districtCode.",
  })
  async networkGraph(
    @Arg('districtCode', () => ID, { nullable: true }) districtCode: string | undefined,
    @args.edgeKinds() edgeKinds: NetworkEdgeKind[] | undefined,
    @args.partnershipKinds() partnershipKinds: PartnershipKind[] | undefined,
    @args.tracks() tracks: ProgramTrack[] | undefined,
    @args.activeOnly() activeOnly: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkGraph> {
    if (districtCode && !(await ctx.loaders.byId(District, 'code').load(districtCode))) {
      throw badInput(`there is no district ${districtCode}`, 'districtCode');
    }
    return districtGraph(ctx, districtCode ?? null, graphFilter(edgeKinds, partnershipKinds, tracks, activeOnly));
  }

  @Query(() => NetworkGraph, {
    description: `The links of one institution, breadth first to depth hops (1 to ${MAX_LINK_DEPTH}).`,
  })
  async institutionLinks(
    @Arg('institution', () => InstitutionRefInput) institution: InstitutionRefInput,
    @Arg('depth', () => Int, { defaultValue: 1 }) depth: number,
    @args.edgeKinds() edgeKinds: NetworkEdgeKind[] | undefined,
    @args.partnershipKinds() partnershipKinds: PartnershipKind[] | undefined,
    @args.tracks() tracks: ProgramTrack[] | undefined,
    @args.activeOnly() activeOnly: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NetworkGraph> {
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_LINK_DEPTH) {
      throw badInput(`depth must be between 1 and ${MAX_LINK_DEPTH}, got ${depth}`, 'depth');
    }
    const root = { typename: TYPENAME_OF[institution.type], id: institution.id };
    // Only centers can be checked here; other institutions belong to their subgraphs (an unknown one simply has no links).
    if (root.typename === 'LearningCenter' && !(await ctx.loaders.byId(LearningCenter).load(root.id))) {
      throw badInput(`there is no learning center ${root.id}`, 'institution');
    }
    return linksOf(ctx, root, depth, graphFilter(edgeKinds, partnershipKinds, tracks, activeOnly));
  }
}

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The institution, resolved by the subgraph that owns it.',
  })
  institution(@Root() node: NetworkNode, @Ctx() { loaders }: SubgraphContext): Promise<typeof Institution> {
    return memberByRef(loaders, node.typename, node.institutionId) as Promise<typeof Institution>;
  }
}
