/**
 * Partnerships between each center and institutions of its district. The
 * institution hosting a center's venue is always a partner (venue sharing);
 * the rest are picked near the center.
 */
import { dayOf, isoDate } from '../dates';
import { byDistanceFrom } from '../geo';
import { sequenceId } from '../ids';
import type {
  CivilProviderRow,
  EntityRef,
  GeoPoint,
  InstitutionTypename,
  LearningCenterRow,
  PartnershipKind,
  PartnershipRow,
  SpaceRow,
  VenueTypename,
} from '../network.types';
import { weightedPicker, type Random } from '../random';
import type { RealData } from '../real';

export type PartnerTypename = Exclude<InstitutionTypename, 'LearningCenter'>;

const VENUE_OWNER_TYPES: Record<VenueTypename, InstitutionTypename> = {
  SchoolSpace: 'School',
  LibrarySpace: 'Library',
  CulturalSpace: 'CulturalCenter',
  CenterSpace: 'LearningCenter',
};

const PARTNER_TYPE_WEIGHTS: readonly (readonly [PartnerTypename, number])[] = [
  ['School', 30],
  ['Library', 30],
  ['CulturalCenter', 15],
  ['CivilProvider', 25],
];

/** Civil providers have no rooms, so they never share a venue. */
const KIND_PICKERS: Record<PartnerTypename, (random: Random) => PartnershipKind> = {
  School: weightedPicker([
    ['VENUE_SHARING', 40],
    ['CO_HOSTING', 25],
    ['RESOURCE_SHARING', 20],
    ['INSTRUCTOR_EXCHANGE', 15],
  ]),
  Library: weightedPicker([
    ['CO_HOSTING', 35],
    ['RESOURCE_SHARING', 30],
    ['VENUE_SHARING', 25],
    ['INSTRUCTOR_EXCHANGE', 10],
  ]),
  CulturalCenter: weightedPicker([
    ['CO_HOSTING', 35],
    ['VENUE_SHARING', 30],
    ['INSTRUCTOR_EXCHANGE', 20],
    ['RESOURCE_SHARING', 15],
  ]),
  CivilProvider: weightedPicker([
    ['CO_HOSTING', 45],
    ['INSTRUCTOR_EXCHANGE', 40],
    ['RESOURCE_SHARING', 15],
  ]),
};

const FIRST_PARTNERSHIP = dayOf('2019-01-01');
const LAST_PARTNERSHIP = dayOf('2026-06-30');
const ACTIVE_SHARE = 0.9;
/** Partners are drawn from the few institutions closest to the center. */
const NEARBY_CHOICES = 5;

interface Candidate {
  id: string;
  point: GeoPoint | null;
}

/** Each district's candidate partners by type. */
function candidatesByDistrict(real: RealData, civilProviders: readonly CivilProviderRow[]) {
  const byDistrict = new Map<string, Record<PartnerTypename, Candidate[]>>(
    real.districts.map((district) => [
      district.code,
      { School: [], Library: [], CulturalCenter: [], CivilProvider: [] },
    ]),
  );
  const add = (typename: PartnerTypename, districtCode: string, candidate: Candidate): void => {
    byDistrict.get(districtCode)?.[typename].push(candidate);
  };
  for (const school of real.schools) add('School', school.districtCode, { id: school.id, point: school });
  for (const library of real.libraries) add('Library', library.districtCode, { id: library.id, point: library });
  for (const center of real.culturalCenters)
    add('CulturalCenter', center.districtCode, { id: center.id, point: center });
  for (const provider of civilProviders) {
    for (const code of provider.districtCodes) add('CivilProvider', code, { id: provider.id, point: null });
  }
  return byDistrict;
}

function pickNearby(candidates: readonly Candidate[], center: GeoPoint, random: Random): Candidate {
  if (candidates.every((candidate) => candidate.point === null)) return random.pick(candidates);
  const located = candidates.map((candidate) => ({ ...(candidate.point as GeoPoint), candidate }));
  return random.pick(byDistanceFrom(located, center).slice(0, NEARBY_CHOICES)).candidate;
}

export function generatePartnerships(
  real: RealData,
  centers: readonly LearningCenterRow[],
  civilProviders: readonly CivilProviderRow[],
  spacesById: ReadonlyMap<string, SpaceRow>,
  random: Random,
): PartnershipRow[] {
  const byDistrict = candidatesByDistrict(real, civilProviders);
  const partnerships: PartnershipRow[] = [];
  for (const center of centers) {
    const pools = byDistrict.get(center.districtCode);
    if (!pools) throw new Error(`center ${center.id} lies in unknown district ${center.districtCode}`);
    const firstDay = Math.max(dayOf(center.openedOn), FIRST_PARTNERSHIP);
    const partnerIds = new Set<string>();
    const add = (partner: EntityRef<PartnerTypename>, kind: PartnershipKind, active: boolean): void => {
      partnerIds.add(partner.id);
      partnerships.push({
        id: sequenceId('PS', partnerships.length + 1, 5),
        centerId: center.id,
        partner,
        kind,
        since: isoDate(random.int(firstDay, LAST_PARTNERSHIP)),
        active,
      });
    };

    const wanted = random.int(1, 4);
    const venueOwnerType = center.venue && VENUE_OWNER_TYPES[center.venue.typename];
    const venueOwnerId = center.venue && spacesById.get(center.venue.id)?.ownerId;
    if (venueOwnerType && venueOwnerType !== 'LearningCenter' && venueOwnerId) {
      add({ typename: venueOwnerType, id: venueOwnerId }, 'VENUE_SHARING', true);
    }
    while (partnerIds.size < wanted) {
      const open = PARTNER_TYPE_WEIGHTS.map(([typename, weight]) => {
        const candidates = pools[typename].filter((candidate) => !partnerIds.has(candidate.id));
        return { typename, weight, candidates };
      }).filter(({ candidates }) => candidates.length > 0);
      if (open.length === 0) break;
      const { typename, candidates } = weightedPicker(open.map((entry) => [entry, entry.weight] as const))(random);
      const partner = pickNearby(candidates, center, random);
      add({ typename, id: partner.id }, KIND_PICKERS[typename](random), random.chance(ACTIVE_SHARE));
    }
  }
  return partnerships;
}
