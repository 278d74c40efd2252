import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, ConnectionType, paginate, type Connection, type SortOrder } from '../../../lib/subgraph/relay';
import { Institution, memberByRef } from '../institutions/institution';
import { District } from '../places/district.entity';
import { Dong } from '../places/dong.entity';
import { actsOnDistrict } from '../mutation-support';
import { DiscoveredResource } from './discovered-resource.entity';

export const DiscoveredResourceConnection = ConnectionType(DiscoveredResource);
/** Latest first: what the district found most recently. */
const RESOURCE_ORDER: SortOrder<DiscoveredResource> = [
  { property: 'recordedAt', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

/**
 * Who reads a district's discovered resources: its experts and officers, the city, and analysts. Not public: they
 * are working notes, not vetted offers, and a person's skill points at a resident even without their name.
 */
export function mayReadDiscoveredResources(identity: Identity | null, districtCode: string): boolean {
  return identity?.role === Role.ANALYST || actsOnDistrict(identity, districtCode);
}

@Resolver(() => District)
export class DistrictDiscoveredResourcesResolver {
  @FieldResolver(() => DiscoveredResourceConnection, {
    nullable: true,
    description:
      'Learning resources found in the district, latest first (archived ones when asked): for its experts and officers, the city and analysts; null for everyone else.',
  })
  discoveredResources(
    @Root() district: District,
    @Arg('includeArchived', { defaultValue: false, description: 'Archived ones too, latest first with the rest.' })
    includeArchived: boolean,
    @Args() page: ConnectionArgs,
    @Ctx() { em, identity }: SubgraphContext,
  ): Promise<Connection<DiscoveredResource>> | null {
    if (!mayReadDiscoveredResources(identity, district.code)) return null;
    const current = includeArchived ? {} : { archivedAt: null };
    return paginate(em, DiscoveredResource, { districtCode: district.code, ...current }, page, RESOURCE_ORDER);
  }
}

@Resolver(() => DiscoveredResource)
export class DiscoveredResourceResolver {
  @FieldResolver(() => District)
  async district(@Root() resource: DiscoveredResource, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(resource.districtCode))!;
  }

  @FieldResolver(() => Dong, { nullable: true, description: 'The dong it is in, when known.' })
  dong(@Root() resource: DiscoveredResource, @Ctx() { loaders }: SubgraphContext): Promise<Dong | null> | null {
    return resource.dong ? loaders.byId(Dong, 'code').load(resource.dong.unwrap().code) : null;
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'The existing institution it is or belongs to.' })
  institution(
    @Root() resource: DiscoveredResource,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<typeof Institution> | null {
    if (!resource.institutionType || !resource.institutionId) return null;
    return memberByRef(loaders, resource.institutionType, resource.institutionId) as Promise<typeof Institution>;
  }
}
