import type { FilterQuery } from '@mikro-orm/core';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { badInput } from '../../../lib/errors';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { foldedContainsText } from '../../../lib/subgraph/text';
import { InstitutionType, TYPENAME_OF } from '../institutions/institution-type';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { Program, ProgramStatus } from './program.entity';
import { ProgramTrack } from './program-track';
import { officeSchoolsWithDrafts, visibleScope } from './program.access';
import { definedOnly } from '../where';

/** Titles are at most 200 characters; a longer search text cannot match and would only cost a scan. */
export const MAX_FILTER_TEXT_LENGTH = 100;

/** BAD_USER_INPUT for a search text longer than MAX_FILTER_TEXT_LENGTH characters (not counting outer blanks). */
export function checkFilterText(text: string | null | undefined, argument: string): void {
  if (text != null && [...text.trim()].length > MAX_FILTER_TEXT_LENGTH)
    throw badInput(`${argument} must be at most ${MAX_FILTER_TEXT_LENGTH} characters`, 'filter');
}

@InputType({
  description:
    'All given conditions must hold. Without `status`, only published programs are listed; drafts only to their host, district officer and city admin.',
})
export class ProgramFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field(() => ID, { nullable: true }) centerId?: string;
  @Field(() => ProgramTrack, { nullable: true }) track?: ProgramTrack;
  @Field(() => ID, {
    nullable: true,
    description: 'A field code; an area ("4") also matches its sub-areas ("4-1".."4-3").',
  })
  fieldCode?: string;
  @Field(() => ProgramStatus, { nullable: true, description: 'Defaults to PUBLISHED.' }) status?: ProgramStatus;
  @Field(() => DateScalar, { nullable: true }) startsOnOrAfter?: string;
  @Field(() => DateScalar, { nullable: true }) startsOnOrBefore?: string;
  @Field(() => InstitutionType, { nullable: true }) hostType?: InstitutionType;
  @Field(() => ID, { nullable: true }) hostId?: string;
  @Field({ nullable: true, description: 'true: programs with free seats; false: full programs.' })
  hasSeatsLeft?: boolean;
  @Field({ nullable: true, description: 'Part of the title, at most 100 characters.' }) titleContains?: string;
  @Field({
    nullable: true,
    description: 'true: programs the city certified as excellent (any year); false: programs it did not.',
  })
  certified?: boolean;
  @Field(() => Int, { nullable: true, description: 'Programs the city certified as excellent for this year.' })
  certifiedInYear?: number;
}

/** The condition on `certifiedYear` of the certification filters (undefined: none). */
function certificationWhere(certified: boolean | undefined, year: number | undefined) {
  if (year != null) {
    if (certified === false) throw badInput('certified: false and certifiedInYear contradict each other', 'filter');
    return year;
  }
  if (certified == null) return undefined;
  return certified ? { $ne: null } : null;
}

/** The codes a field filter matches: the field and, for an area, its sub-areas (one statement per request). */
function fieldFamily({ em, loaders }: SubgraphContext, code: string): Promise<string[]> {
  return loaders
    .custom<string[]>('fieldFamily', async (codes) => {
      const fields = await em.find(LifelongEducationField, {
        $or: [{ code: { $in: [...codes] } }, { parent: { $in: [...codes] } }],
      });
      return codes.map((wanted) =>
        fields.filter((field) => field.code === wanted || field.parent?.code === wanted).map((field) => field.code),
      );
    })
    .load(code);
}

export async function programWhere(
  filter: ProgramFilter | null | undefined,
  ctx: SubgraphContext,
): Promise<FilterQuery<Program>> {
  const f = filter ?? {};
  checkFilterText(f.titleContains, 'titleContains');
  if (f.startsOnOrAfter && f.startsOnOrBefore && f.startsOnOrAfter > f.startsOnOrBefore) {
    throw badInput('startsOnOrAfter must not be later than startsOnOrBefore', 'filter');
  }
  const startsOn = definedOnly({ $gte: f.startsOnOrAfter ?? undefined, $lte: f.startsOnOrBefore ?? undefined });
  const status = f.status ?? ProgramStatus.PUBLISHED;
  const where = definedOnly({
    status,
    districtCode: f.districtCode ?? undefined,
    dongCode: f.dongCode ?? undefined,
    center: f.centerId ?? undefined,
    track: f.track ?? undefined,
    field: f.fieldCode ? { $in: await fieldFamily(ctx, f.fieldCode) } : undefined,
    startsOn: Object.keys(startsOn).length > 0 ? startsOn : undefined,
    hostType: f.hostType ? TYPENAME_OF[f.hostType] : undefined,
    hostId: f.hostId ?? undefined,
    certifiedYear: certificationWhere(f.certified, f.certifiedInYear),
    seatsLeft: f.hasSeatsLeft == null ? undefined : f.hasSeatsLeft ? { $gt: 0 } : { $lte: 0 },
    ...(f.titleContains ? foldedContainsText('title_folded', f.titleContains) : {}),
  }) as FilterQuery<Program>;
  const officeSchools = status === ProgramStatus.PUBLISHED ? [] : await officeSchoolsWithDrafts(ctx);
  const scope = visibleScope(ctx.identity, status, officeSchools);
  return scope ? ({ $and: [where, scope] } as FilterQuery<Program>) : where;
}
