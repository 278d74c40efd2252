/** What the network writes of this subgraph share: new ids, Seoul's today, lookups that answer NOT_FOUND, district scope. */
import type { EntityClass, FilterQuery, FindOneOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Role, type Identity } from '../../lib/auth';
import { requireScope } from '../../lib/subgraph/authorization';
import { lookupEntities } from '../../lib/entity-lookup';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { fail, lookupForMutation, UserErrorCode } from '../../lib/subgraph/mutation';
import type { PartnerTypename } from '../../lib/typenames';
import { seoulNow } from './seoul-time';

export { newId } from '../../lib/subgraph/mutation';

/** Today's date in Seoul, YYYY-MM-DD. */
export function seoulToday(): string {
  return seoulNow().slice(0, 10);
}

/** The row with this primary key, or a NOT_FOUND user error on `field` (a path below "input"). */
export async function findOrFail<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  field: string,
  options: Pick<FindOneOptions<object>, 'lockMode'> = {},
): Promise<T> {
  const found = await em.findOne(entity, id as FilterQuery<T>, options as FindOneOptions<T>);
  if (!found)
    fail(UserErrorCode.NOT_FOUND, `There is no ${entity.name} ${JSON.stringify(id)}.`, ['input', ...field.split('.')]);
  return found;
}

/** Whether the caller may act on this district: a CITY_ADMIN on every district, a DISTRICT_OFFICER or EXPERT on its own. */
export function actsOnDistrict(identity: Identity | null, districtCode: string): boolean {
  if (identity?.role === Role.CITY_ADMIN) return true;
  const districtRole = identity?.role === Role.DISTRICT_OFFICER || identity?.role === Role.EXPERT;
  return districtRole && identity.district === districtCode;
}

/** FORBIDDEN unless the caller may act on this district (actsOnDistrict). */
export function requireDistrict(
  identity: Identity,
  districtCode: string,
  what: string,
  field: string[] | null = null,
): void {
  requireScope(actsOnDistrict(identity, districtCode), `${what} in district ${districtCode}`, field);
}

/**
 * Asks the owning subgraph whether an institution (or an office of education) named by an input exists: NOT_FOUND on
 * `field` when it does not. A learning center is ours, so it is checked in the transaction instead.
 */
export async function remoteMustExist(
  ctx: SubgraphContext,
  { typename, id }: { typename: PartnerTypename; id: string },
  field: string[],
): Promise<void> {
  if (typename === 'LearningCenter') return;
  const found = await lookupForMutation(() => lookupEntities('centers', ctx.config, typename, [id]), field);
  if (!found.has(id)) fail(UserErrorCode.NOT_FOUND, `There is no ${typename} ${JSON.stringify(id)}.`, field);
}
