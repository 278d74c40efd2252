/**
 * Who may manage a program, see a draft or an enrollment. One set of rules
 * for the mutations, the queries and `__resolveReference`: the program's
 * host (an INSTITUTION token for exactly that institution), the district
 * officer of the program's district, the city admin, and a Dong Lifelong
 * Learning Expert (EXPERT) of the program's district for the programs a
 * learning center hosts. An expert develops and operates the district's
 * programs but does not handle enrollments: they hold residents' ids, which
 * stay with the host, the officer and the city. An office of education
 * (EDUCATION_OFFICE) reads, never changes, the programs of the schools it
 * supervises, drafts included.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import type { InstitutionTypename } from '../../../lib/typenames';
import { schoolsSupervisedBy } from '../institutions/education-office';
import type { Enrollment } from './enrollment.entity';
import { Program, ProgramStatus } from './program.entity';

/** What the rules look at: where a program runs and who hosts it. */
export interface ProgramScope {
  districtCode: string;
  hostType: InstitutionTypename;
  hostId: string;
}

export function isHost(identity: Identity | null, host: { hostType: InstitutionTypename; hostId: string }): boolean {
  return (
    identity?.role === Role.INSTITUTION &&
    identity.institution?.typename === host.hostType &&
    identity.institution.id === host.hostId
  );
}

/** Programs of a school, library, cultural center or civil provider stay with that host and the officer. */
export const EXPERT_MANAGED_HOST: InstitutionTypename = 'LearningCenter';

export function canManageProgram(identity: Identity | null, program: ProgramScope): boolean {
  if (!identity) return false;
  if (identity.role === Role.CITY_ADMIN) return true;
  if (identity.role === Role.DISTRICT_OFFICER) return identity.district === program.districtCode;
  if (identity.role === Role.EXPERT)
    return identity.district === program.districtCode && program.hostType === EXPERT_MANAGED_HOST;
  return isHost(identity, program);
}

/** Those who manage a program, but for its experts: enrollments name residents. */
function canManageEnrollments(identity: Identity | null, program: ProgramScope): boolean {
  return identity?.role !== Role.EXPERT && canManageProgram(identity, program);
}

/** Public: published now or once (then archived). A draft, and a draft archived without being published, is not. */
export function isPublic(program: Pick<Program, 'publishedAt'>): boolean {
  return program.publishedAt != null;
}

/** What everybody may see: programs that were published; the rest only those who manage them see. */
export function canSeeProgram(identity: Identity | null, program: Program): boolean {
  return isPublic(program) || canManageProgram(identity, program);
}

/**
 * The programs of `status` a caller may list, as a condition to add to a program filter (undefined: no condition).
 * `officeSchools`: for an office of education, the schools it supervises among the hosts of unpublished programs.
 */
export function visibleScope(
  identity: Identity | null,
  status: ProgramStatus,
  officeSchools: readonly string[] = [],
): FilterQuery<Program> | undefined {
  if (status === ProgramStatus.PUBLISHED) return undefined;
  const managed = draftScope(identity, officeSchools);
  if (status === ProgramStatus.DRAFT || !managed) return managed;
  return { $or: [{ publishedAt: { $ne: null } }, managed] } as FilterQuery<Program>;
}

/**
 * The never-published programs a caller may list, as a condition to add to a program filter:
 * undefined for the city admin (all of them), nothing for anonymous callers and other roles.
 */
export function draftScope(
  identity: Identity | null,
  officeSchools: readonly string[] = [],
): FilterQuery<Program> | undefined {
  switch (identity?.role) {
    case Role.CITY_ADMIN:
      return undefined;
    case Role.DISTRICT_OFFICER:
      return { districtCode: identity.district };
    case Role.EXPERT:
      return { districtCode: identity.district, hostType: EXPERT_MANAGED_HOST };
    case Role.INSTITUTION:
      return { hostType: identity.institution!.typename, hostId: identity.institution!.id };
    case Role.EDUCATION_OFFICE:
      return { hostType: 'School', hostId: { $in: [...officeSchools] } };
    default:
      return { id: { $in: [] } };
  }
}

export function holdsEnrollment(identity: Identity | null, enrollment: Enrollment): boolean {
  return identity?.role === Role.RESIDENT && identity.subject === enrollment.residentId;
}

/** An enrollment is seen (and cancelled) by its resident and by those who manage its program (experts aside). */
export function canSeeEnrollment(identity: Identity | null, enrollment: Enrollment, program: Program): boolean {
  return holdsEnrollment(identity, enrollment) || canManageEnrollments(identity, program);
}

const officeSchoolsOf = new WeakMap<SubgraphContext, Promise<string[]>>();

/**
 * For an EDUCATION_OFFICE caller, the schools it supervises among the hosts of never-published programs (asked of
 * the schools subgraph once per request); empty for everyone else.
 */
export function officeSchoolsWithDrafts(ctx: SubgraphContext): Promise<string[]> {
  const office = ctx.identity?.role === Role.EDUCATION_OFFICE ? ctx.identity.educationOffice : undefined;
  if (!office) return Promise.resolve([]);
  let schools = officeSchoolsOf.get(ctx);
  if (!schools) {
    schools = (async () => {
      const hosts = await ctx.em.find(Program, { hostType: 'School', publishedAt: null }, { fields: ['hostId'] });
      return [
        ...(await schoolsSupervisedBy(
          ctx,
          office,
          hosts.map((row) => row.hostId),
        )),
      ];
    })();
    officeSchoolsOf.set(ctx, schools);
  }
  return schools;
}

/** Whether the caller sees this program: as canSeeProgram, and an office of education its schools' programs. */
export async function canReadProgram(ctx: SubgraphContext, program: Program): Promise<boolean> {
  if (canSeeProgram(ctx.identity, program)) return true;
  const office = ctx.identity?.role === Role.EDUCATION_OFFICE ? ctx.identity.educationOffice : undefined;
  if (!office || program.hostType !== 'School') return false;
  return (await schoolsSupervisedBy(ctx, office, [program.hostId])).has(program.hostId);
}
