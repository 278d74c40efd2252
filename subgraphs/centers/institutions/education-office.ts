/**
 * The offices of education as partners: an office agrees partnerships for the schools it supervises and for itself.
 * Which office supervises a school (School.educationOffice) is the schools subgraph's to say; this is the one place
 * centers asks it.
 */
import { lookupEntities } from '../../../lib/entity-lookup';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import type { PartnerTypename } from '../../../lib/typenames';

/** Which of these school ids the office `officeCode` supervises (one question to the schools subgraph). */
export async function schoolsSupervisedBy(
  ctx: SubgraphContext,
  officeCode: string,
  schoolIds: readonly string[],
): Promise<Set<string>> {
  const schools = await lookupEntities(
    'centers',
    ctx.config,
    'School',
    [...new Set(schoolIds)],
    'educationOffice { code }',
  );
  const supervised = [...schools.values()].filter(
    (school) => (school.educationOffice as { code?: string } | null)?.code === officeCode,
  );
  return new Set(supervised.map((school) => String(school.id)));
}

/** Whether the office `officeCode` speaks for this partner: itself, or a school it supervises. */
export async function officeSpeaksFor(
  ctx: SubgraphContext,
  officeCode: string,
  partner: { typename: PartnerTypename; id: string },
): Promise<boolean> {
  if (partner.typename === 'EducationOffice') return partner.id === officeCode;
  if (partner.typename !== 'School') return false;
  return (await schoolsSupervisedBy(ctx, officeCode, [partner.id])).has(partner.id);
}
