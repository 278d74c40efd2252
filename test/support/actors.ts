/**
 * Who calls the hub in a test: token claims for each role, and their tokens. Subjects are given where a test tells
 * callers apart by them (idempotency keys and viewer answers are per subject).
 */
import { Role, type TokenClaims } from '../../lib/auth';
import { tokenFor } from './stack';

export const CITY_ADMIN: TokenClaims = { sub: 'test-city-admin', role: Role.CITY_ADMIN };
export const ANALYST: TokenClaims = { sub: 'test-analyst', role: Role.ANALYST };

export const cityAdmin = (sub: string): TokenClaims => ({ sub, role: Role.CITY_ADMIN });
export const districtOfficer = (district: string, sub: string): TokenClaims => ({
  sub,
  role: Role.DISTRICT_OFFICER,
  district,
});
export const expert = (district: string, sub = 'test-expert'): TokenClaims => ({ sub, role: Role.EXPERT, district });
export const educationOffice = (code: string, sub: string): TokenClaims => ({
  sub,
  role: Role.EDUCATION_OFFICE,
  educationOffice: code,
});
/** `institution` is `Typename:id`, as the claim holds it. */
export const institution = (institution: string, sub: string): TokenClaims => ({
  sub,
  role: Role.INSTITUTION,
  institution,
});
export const resident = (sub: string): TokenClaims => ({ sub, role: Role.RESIDENT });
export const analyst = (sub: string): TokenClaims => ({ sub, role: Role.ANALYST });

const signed = new Map<string, Promise<string>>();

/** The token for these claims, signed once per test file; none for an anonymous caller (null). */
export function tokenOf(claims: TokenClaims | null): Promise<string | undefined> {
  if (!claims) return Promise.resolve(undefined);
  const key = JSON.stringify(claims);
  if (!signed.has(key)) signed.set(key, tokenFor(claims));
  return signed.get(key)!;
}
