import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, ConnectionType, paginate, type Connection, type SortOrder } from '../../../lib/subgraph/relay';
import { definedOnly } from '../where';
import { District } from '../places/district.entity';
import { CITY_SUPPORT_KINDS, CitySupport, CitySupportKind, CitySupportKindInfo } from './city-support.entity';
import { CooperationAgreement } from './cooperation-agreement.entity';
import { mayReadSupportRequests } from './cooperation';
import { SupportRequest, SupportRequestStatus } from './support-request.entity';

export const SupportRequestConnection = ConnectionType(SupportRequest);
/** Latest first: what waits longest is at the end of the first page, what is new at its top. */
const REQUEST_ORDER: SortOrder<SupportRequest> = [
  { property: 'requestedAt', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

@Resolver(() => District)
export class DistrictCooperationResolver {
  @FieldResolver(() => CooperationAgreement, {
    nullable: true,
    description: "The district's cooperation agreement with the city; null while it has none.",
  })
  cooperationAgreement(
    @Root() district: District,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<CooperationAgreement | null> {
    return loaders.byId(CooperationAgreement, 'districtCode').load(district.code);
  }

  @FieldResolver(() => [SupportRequest], {
    nullable: true,
    description:
      "The district's requests for city support, latest first: for its district officers, the city and analysts; null for everyone else.",
  })
  async supportRequests(
    @Root() district: District,
    @Ctx() { identity, loaders }: SubgraphContext,
  ): Promise<SupportRequest[] | null> {
    if (!mayReadSupportRequests(identity, district.code)) return null;
    return loaders.listBy(SupportRequest, 'district', REQUEST_ORDER).load(district.code);
  }
}

@Resolver(() => SupportRequest)
export class SupportRequestResolver {
  @Query(() => [CitySupportKindInfo], {
    description: 'The kinds of support the city offers districts, with their Korean and English names.',
  })
  citySupportKinds(): CitySupportKindInfo[] {
    return Object.values(CitySupportKind).map((kind) =>
      Object.assign(new CitySupportKindInfo(), { kind, ...CITY_SUPPORT_KINDS[kind] }),
    );
  }

  @Query(() => SupportRequestConnection, {
    nullable: true,
    description:
      "Districts' requests for city support, latest first, of one status or district when given: every district's for the city and analysts, their own district's for district officers; null for everyone else.",
  })
  supportRequests(
    @Arg('status', () => SupportRequestStatus, { nullable: true }) status: SupportRequestStatus | undefined,
    @Arg('districtCode', () => ID, { nullable: true }) districtCode: string | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em, identity }: SubgraphContext,
  ): Promise<Connection<SupportRequest>> | null {
    const ownDistrict = identity?.role === Role.DISTRICT_OFFICER ? identity.district : undefined;
    if (ownDistrict && districtCode && districtCode !== ownDistrict) return null;
    if (!mayReadSupportRequests(identity, ownDistrict ?? districtCode ?? '')) return null;
    const where = definedOnly({ status, district: ownDistrict ?? districtCode });
    return paginate(em, SupportRequest, where, page, REQUEST_ORDER);
  }

  @FieldResolver(() => District)
  async district(@Root() request: SupportRequest, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(request.district.code))!;
  }

  @FieldResolver(() => CitySupport, {
    nullable: true,
    description: 'The support the city recorded when it granted the request; null otherwise.',
  })
  citySupport(
    @Root() request: SupportRequest,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<CitySupport | null> | null {
    return request.citySupport ? loaders.byId(CitySupport).load(request.citySupport.id) : null;
  }
}

@Resolver(() => CooperationAgreement)
export class CooperationAgreementResolver {
  @FieldResolver(() => District)
  async district(@Root() agreement: CooperationAgreement, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(agreement.districtCode))!;
  }
}
