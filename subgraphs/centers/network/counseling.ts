/**
 * The rules of counseling records (학습상담): who records and reads them, and how a learner is referred to without
 * personal data. One place for the mutation, the session lists and the per-district counts.
 */
import { createHash } from 'node:crypto';
import { Role, type Identity } from '../../../lib/auth';
import type { InputCheck } from '../../../lib/subgraph/mutation';

/** Who records a session, and reads the sessions, of a district: its experts and officers, and the city. */
export function mayRecordCounseling(identity: Identity | null, districtCode: string): boolean {
  if (identity?.role === Role.CITY_ADMIN) return true;
  const staff = identity?.role === Role.EXPERT || identity?.role === Role.DISTRICT_OFFICER;
  return staff && identity.district === districtCode;
}

/** Counts by district and topic hold no one's data: analysts, every officer and the city read them. */
export function mayReadCounselingCounts(identity: Identity | null): boolean {
  return [Role.ANALYST, Role.DISTRICT_OFFICER, Role.CITY_ADMIN].includes(identity?.role as Role);
}

/** A center's code: up to 64 letters, digits, '.', '_' or '-', with a letter (a number alone may be anyone's phone). */
const OPAQUE_REFERENCE = /^(?=.*[A-Za-z])[A-Za-z0-9._-]{1,64}$/;
/** What personal data looks like in a reference; a center's opaque codes never do. */
const PERSONAL_DATA: [RegExp, string][] = [
  [/@/, 'an email address'],
  [/\d{6}\s*-?\s*[1-8]\d{6}/, 'a resident registration number'],
  [/(^|\D)01[016789][\s.-]?\d{3,4}[\s.-]?\d{4}(\D|$)/, 'a mobile phone number'],
  // A landline inside a text (02-123-4567, 031) 123 4567).
  [/(^|\D)0\d{1,2}[\s.)-]{1,2}\d{3,4}[\s.-]\d{4}(\D|$)/, 'a phone number'],
  [/^\+?[\d\s().-]{8,}$/, 'a phone number'],
];

/** What personal data `text` looks like ("an email address" ...), or undefined: for references and free texts alike. */
export function personalDataIn(text: string): string | undefined {
  const trimmed = text.trim();
  return PERSONAL_DATA.find(([pattern]) => pattern.test(trimmed))?.[1];
}

/** Refuses a learner reference that is not an opaque code, saying what personal data it looks like. */
export function checkLearnerRef(check: InputCheck, learnerRef: string): InputCheck {
  const reference = learnerRef.trim();
  const personal = personalDataIn(reference);
  return check
    .expect(
      !personal,
      'learnerRef',
      `learnerRef looks like ${personal}: give the center's opaque learner code, never personal data`,
    )
    .expect(
      !!personal || OPAQUE_REFERENCE.test(reference),
      'learnerRef',
      "learnerRef must be 1 to 64 letters, digits, '.', '_' or '-', at least one a letter (an opaque code, not a name)",
    );
}

/**
 * The stored stand-in of a learner reference: a SHA-256 digest, per district, so a district's sessions of one
 * learner share it while the stored row shows no reference.
 */
export function learnerKeyOf(districtCode: string, learnerRef: string): string {
  return createHash('sha256').update(`counseling-learner:${districtCode}:${learnerRef.trim()}`).digest('hex');
}
