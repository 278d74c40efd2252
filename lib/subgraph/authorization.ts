/**
 * Scope checks shared by the subgraphs' writes. requireRole (lib/subgraph/mutation.ts)
 * gates on the role; these say whether a caller acts for one particular
 * institution, and refuse with the user error the contract expects.
 */
import { Role, type Identity } from '../auth';
import type { InstitutionTypename } from '../typenames';
import { fail, UserErrorCode } from './mutation';

/** Whether the caller is the INSTITUTION `typename:id` itself. */
export function actsForInstitution(identity: Identity | null, typename: InstitutionTypename, id: string): boolean {
  return (
    identity?.role === Role.INSTITUTION && identity.institution?.typename === typename && identity.institution.id === id
  );
}

export function isCityAdmin(identity: Identity | null): boolean {
  return identity?.role === Role.CITY_ADMIN;
}

/** Whether the caller is the EDUCATION_OFFICE with this office code. */
export function actsForEducationOffice(identity: Identity | null, officeCode: string): boolean {
  return identity?.role === Role.EDUCATION_OFFICE && identity.educationOffice === officeCode;
}

/**
 * A FORBIDDEN user error unless `allowed`. `what` completes "You may not …",
 * e.g. "manage the spaces of School B000001838"; `field` points at the input
 * field that named what the caller may not touch.
 */
export function requireScope(allowed: boolean, what: string, field: string[] | null = null): void {
  if (!allowed) fail(UserErrorCode.FORBIDDEN, `You may not ${what}.`, field);
}
