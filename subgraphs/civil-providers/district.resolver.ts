import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/knex';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District } from '../../lib/subgraph/district.stub';
import { padded, selectWhere } from '../../lib/subgraph/prepared-statements';
import { entitiesOf } from '../../lib/subgraph/rows';
import {
  afterCondition,
  ConnectionArgs,
  NAME_ORDER,
  pageRequest,
  toConnection,
  upToRank,
  type Connection,
  type SortOrder,
} from '../../lib/subgraph/relay';
import { CivilProviderConnection } from './civil-provider.connection';
import { CivilProvider } from './civil-provider.entity';
import { ServedArea } from './served-area.entity';

@Resolver(() => District)
export class DistrictCivilProvidersResolver {
  @FieldResolver(() => CivilProviderConnection, {
    nullable: true,
    description: 'The civil program providers serving the district, by name.',
  })
  civilProviders(
    @Root() district: District,
    @Args() page: ConnectionArgs,
    @Ctx() { em, loaders }: SubgraphContext,
  ): Promise<Connection<CivilProvider>> {
    return loaders
      .custom(`District.civilProviders:${JSON.stringify([page.first, page.after])}`, (codes) =>
        providerPagesByDistrict(em, codes, page),
      )
      .load(district.code);
  }
}

/**
 * The same page of providers for many districts in one statement. Providers
 * reach a district only through served_area, so `loaders.connectionBy` (which
 * partitions by a column of the paged table) does not apply: this ranks the
 * join per district with a window function, as paginateGroups does, and pages
 * with the same keyset cursors as `Query.civilProviders`.
 */
async function providerPagesByDistrict(
  em: EntityManager,
  districtCodes: readonly string[],
  args: ConnectionArgs,
): Promise<Connection<CivilProvider>[]> {
  const request = pageRequest(args, NAME_ORDER as SortOrder<object>);
  const provider = em.getMetadata().get(CivilProvider.name);
  const ranking = NAME_ORDER.map(
    ({ property, direction }) => `p.${provider.properties[property].fieldNames[0]} ${direction}`,
  ).join(', ');
  const serving = { 'sa.districtCode': { $in: padded(districtCodes) } };
  const page = (
    request.afterValues ? { $and: [serving, afterCondition(NAME_ORDER, request.afterValues)] } : serving
  ) as FilterQuery<CivilProvider>;
  const shape = JSON.stringify(['providers-by-district', request.first + 1]);
  const rows = await selectWhere(em, CivilProvider, shape, page, (condition) => {
    const ranked = em
      .createQueryBuilder(CivilProvider, 'p')
      .select('p.*')
      .join('p.servedAreas', 'sa')
      .addSelect(
        raw(
          `sa.district_code as served_district_code, row_number() over (partition by sa.district_code order by ${ranking}) as page_rank`,
        ),
      )
      .where(condition as QBFilterQuery<CivilProvider>)
      .getKnexQuery();
    return upToRank(em, ranked, request.first + 1);
  });
  const providers = await entitiesOf(
    em,
    CivilProvider,
    rows.map(({ served_district_code: _code, page_rank: _rank, ...fields }) => fields),
  );

  // Rows arrive in rank order, so each district's list is already in name order.
  const byDistrict = new Map<string, CivilProvider[]>(districtCodes.map((code) => [code, []]));
  rows.forEach((row, i) => byDistrict.get(String(row.served_district_code))?.push(providers[i]));

  let counts: Promise<Map<string, number>> | undefined;
  const countAll = async () => {
    const served = { districtCode: { $in: padded(districtCodes) } } as FilterQuery<ServedArea>;
    const result = await selectWhere(em.fork(), ServedArea, 'providers-by-district:counts', served, (condition) =>
      em
        .createQueryBuilder(ServedArea, 'sa')
        .select(['sa.districtCode', raw('count(*) as total')])
        .where(condition)
        .groupBy('sa.districtCode')
        .getKnexQuery()
        .toSQL(),
    );
    return new Map(result.map((row) => [String(row.district_code), Number(row.total)]));
  };
  return districtCodes.map((code) =>
    toConnection(
      byDistrict.get(code)!,
      request,
      NAME_ORDER,
      async () => (await (counts ??= countAll())).get(code) ?? 0,
    ),
  );
}
