/** Who reads what of the cooperation model: agreements are public, requests for support are the district's and the city's business. */
import { Role, type Identity } from '../../../lib/auth';

/**
 * A district's requests for support (notes on its needs, pending decisions): its district officers, the city, and
 * analysts (who study the model; the requests hold no personal data). Null for everyone else, experts included.
 */
export function mayReadSupportRequests(identity: Identity | null, districtCode: string): boolean {
  switch (identity?.role) {
    case Role.CITY_ADMIN:
    case Role.ANALYST:
      return true;
    case Role.DISTRICT_OFFICER:
      return identity.district === districtCode;
    default:
      return false;
  }
}
