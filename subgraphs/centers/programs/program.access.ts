/**
 * Who may manage a program, see a draft or an enrollment. One set of rules
 * for the mutations, the queries and `__resolveReference`: the program's
 * host (an INSTITUTION token for exactly that institution), the district
 * officer of the program's district, and the city admin.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Role, type Identity } from '../../../lib/auth';
import type { InstitutionTypename } from '../../../lib/typenames';
import type { Enrollment } from './enrollment.entity';
import { ProgramStatus, type Program } from './program.entity';

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

export function canManageProgram(identity: Identity | null, program: ProgramScope): boolean {
  if (!identity) return false;
  if (identity.role === Role.CITY_ADMIN) return true;
  if (identity.role === Role.DISTRICT_OFFICER) return identity.district === program.districtCode;
  return isHost(identity, program);
}

/** Public: published now or once (then archived). A draft, and a draft archived without being published, is not. */
export function isPublic(program: Pick<Program, 'publishedAt'>): boolean {
  return program.publishedAt != null;
}

/** What everybody may see: programs that were published; the rest only those who manage them see. */
export function canSeeProgram(identity: Identity | null, program: Program): boolean {
  return isPublic(program) || canManageProgram(identity, program);
}

/** The programs of `status` a caller may list, as a condition to add to a program filter (undefined: no condition). */
export function visibleScope(identity: Identity | null, status: ProgramStatus): FilterQuery<Program> | undefined {
  if (status === ProgramStatus.PUBLISHED) return undefined;
  const managed = draftScope(identity);
  if (status === ProgramStatus.DRAFT || !managed) return managed;
  return { $or: [{ publishedAt: { $ne: null } }, managed] } as FilterQuery<Program>;
}

/**
 * The never-published programs a caller may list, as a condition to add to a program filter:
 * undefined for the city admin (all of them), nothing for anonymous callers and other roles.
 */
export function draftScope(identity: Identity | null): FilterQuery<Program> | undefined {
  switch (identity?.role) {
    case Role.CITY_ADMIN:
      return undefined;
    case Role.DISTRICT_OFFICER:
      return { districtCode: identity.district };
    case Role.INSTITUTION:
      return { hostType: identity.institution!.typename, hostId: identity.institution!.id };
    default:
      return { id: { $in: [] } };
  }
}

export function holdsEnrollment(identity: Identity | null, enrollment: Enrollment): boolean {
  return identity?.role === Role.RESIDENT && identity.subject === enrollment.residentId;
}

/** An enrollment is seen (and cancelled) by its resident and by those who manage its program. */
export function canSeeEnrollment(identity: Identity | null, enrollment: Enrollment, program: Program): boolean {
  return holdsEnrollment(identity, enrollment) || canManageProgram(identity, program);
}
