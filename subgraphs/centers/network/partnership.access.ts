/**
 * Who decides and who sees a partnership. Agreed partnerships (active or ended) are public; a proposal, and a declined
 * one, are the district's business: its experts and officers, the city, and the office of education that speaks for
 * the partner (its own school, or itself). One set of rules for the mutations and every list of partnerships.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { schoolsSupervisedBy } from '../institutions/education-office';
import { AGREED_STATUSES, Partnership } from './partnership.entity';

/** Those who manage a district's partnerships (create, approve, decline, end): its officers and the city. */
export function managesDistrict(identity: Identity | null, districtCode: string): boolean {
  return (
    identity?.role === Role.CITY_ADMIN ||
    (identity?.role === Role.DISTRICT_OFFICER && identity.district === districtCode)
  );
}

/**
 * Whether the caller sees who proposed or decided a partnership (account subjects, which may name a person): the
 * district's experts and officers, the city, and the one who did it.
 */
export function maySeeActor(identity: Identity | null, districtCode: string, subject: string): boolean {
  return (
    managesDistrict(identity, districtCode) ||
    (identity?.role === Role.EXPERT && identity.district === districtCode) ||
    identity?.subject === subject
  );
}

const AGREED: FilterQuery<Partnership> = { status: { $in: AGREED_STATUSES } };
const scopes = new WeakMap<SubgraphContext, Promise<FilterQuery<Partnership> | undefined>>();

/**
 * The partnerships the caller may list, as a condition to add to a partnership filter (undefined: all of them).
 * Computed once per request: an office of education's scope asks the schools subgraph which partners are its schools.
 */
export function visiblePartnerships(ctx: SubgraphContext): Promise<FilterQuery<Partnership> | undefined> {
  let scope = scopes.get(ctx);
  if (!scope) {
    scope = scopeOf(ctx);
    scopes.set(ctx, scope);
  }
  return scope;
}

async function scopeOf(ctx: SubgraphContext): Promise<FilterQuery<Partnership> | undefined> {
  const identity = ctx.identity;
  switch (identity?.role) {
    case Role.CITY_ADMIN:
      return undefined;
    case Role.DISTRICT_OFFICER:
    case Role.EXPERT:
      return { $or: [AGREED, { districtCode: identity.district }] };
    case Role.EDUCATION_OFFICE: {
      const office = identity.educationOffice!;
      const unagreedSchools = await ctx.em.find(
        Partnership,
        { partnerType: 'School', status: { $nin: AGREED_STATUSES } },
        { fields: ['partnerId'] },
      );
      const schools = await schoolsSupervisedBy(
        ctx,
        office,
        unagreedSchools.map((row) => row.partnerId),
      );
      return {
        $or: [
          AGREED,
          { partnerType: 'EducationOffice', partnerId: office },
          { partnerType: 'School', partnerId: { $in: [...schools] } },
        ],
      };
    }
    default:
      return AGREED;
  }
}

/** Adds the caller's scope to a partnership condition. */
export async function withinScope(
  ctx: SubgraphContext,
  where: FilterQuery<Partnership>,
): Promise<FilterQuery<Partnership>> {
  const scope = await visiblePartnerships(ctx);
  return scope ? ({ $and: [where, scope] } as FilterQuery<Partnership>) : where;
}

/**
 * A partnership by id if the caller may see it, else null (federation references take this path too). Through the
 * request's byId loader, so N representations cost one statement; only a proposal or declined one, which is not
 * public, is checked against the caller's scope.
 */
export async function visiblePartnership(ctx: SubgraphContext, id: string): Promise<Partnership | null> {
  const partnership = await ctx.loaders.byId(Partnership).load(id);
  if (!partnership || AGREED_STATUSES.includes(partnership.status)) return partnership;
  return (await ctx.em.count(Partnership, await withinScope(ctx, { id }))) > 0 ? partnership : null;
}
