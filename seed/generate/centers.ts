/**
 * One Neighborhood Learning Center (동네배움터) per dong, hosted where possible
 * in a real library, cultural center or school of that dong, otherwise in a
 * room of the dong's community service center.
 */
import { dayOf, isoDate } from '../dates';
import { byDistanceFrom } from '../geo';
import type {
  CulturalCenterKind,
  DongRow,
  EntityRef,
  GeoPoint,
  LearningCenterRow,
  SpaceRow,
  VenueTypename,
} from '../network.types';
import type { Random } from '../random';
import type { RealData } from '../real';
import { spaceOf } from './spaces';
import { CENTER_SPACE } from './vocabulary';

/** Cultural centers that serve residents; galleries or foreign institutes do not host a 동네배움터. */
const COMMUNITY_CULTURAL_KINDS: readonly CulturalCenterKind[] = [
  'LOCAL_CULTURAL_CENTER',
  'CULTURE_HOUSE',
  'ARTS_CENTER',
];

const FIRST_OPENING = dayOf('2018-03-01');
const LAST_OPENING = dayOf('2025-12-31');

interface HostCandidate extends GeoPoint {
  id: string;
  districtCode: string;
  dongCode: string | null;
}

/** The institutions that may host a center, in order of preference, with the venue type of their rooms. */
function hostPools(real: RealData): { venueType: VenueTypename; institutions: readonly HostCandidate[] }[] {
  return [
    { venueType: 'LibrarySpace', institutions: real.libraries },
    {
      venueType: 'CulturalSpace',
      institutions: real.culturalCenters.filter((center) => COMMUNITY_CULTURAL_KINDS.includes(center.kind)),
    },
    { venueType: 'SchoolSpace', institutions: real.schools },
  ];
}

/**
 * Institutions by dong. A few source points fall in a dong of another gu than
 * the source says; those cannot host, so a center never sits outside its gu.
 */
function groupByDong<T extends HostCandidate>(institutions: readonly T[], dongs: readonly DongRow[]): Map<string, T[]> {
  const districtOfDong = new Map(dongs.map((dong) => [dong.code, dong.districtCode]));
  const byDong = new Map<string, T[]>();
  for (const institution of institutions) {
    if (!institution.dongCode || districtOfDong.get(institution.dongCode) !== institution.districtCode) continue;
    const inDong = byDong.get(institution.dongCode);
    if (inDong) inDong.push(institution);
    else byDong.set(institution.dongCode, [institution]);
  }
  return byDong;
}

export function generateLearningCenters(
  real: RealData,
  spacesOf: ReadonlyMap<string, readonly SpaceRow[]>,
  random: Random,
): { learningCenters: LearningCenterRow[]; centerSpaces: SpaceRow[] } {
  const pools = hostPools(real).map((pool) => ({ ...pool, byDong: groupByDong(pool.institutions, real.dongs) }));
  const centerSpaces: SpaceRow[] = [];
  const learningCenters = real.dongs.map((dong): LearningCenterRow => {
    const id = `LC${dong.code}`;
    let venue: EntityRef<VenueTypename> | null = null;
    let location: GeoPoint = { lat: dong.lat, lng: dong.lng };
    for (const pool of pools) {
      const nearest = byDistanceFrom(pool.byDong.get(dong.code) ?? [], dong)
        .map((host) => ({ host, room: spacesOf.get(host.id)?.[0] }))
        .find(({ room }) => room !== undefined);
      if (!nearest?.room) continue;
      venue = { typename: pool.venueType, id: nearest.room.id };
      location = { lat: nearest.host.lat, lng: nearest.host.lng };
      break;
    }
    if (!venue) {
      const room = spaceOf(id, 1, { ...CENTER_SPACE, name: `${dong.nameKo} ${CENTER_SPACE.name}` }, random);
      centerSpaces.push(room);
      venue = { typename: 'CenterSpace', id: room.id };
    }
    return {
      id,
      name: `${dong.nameKo} 동네배움터`,
      dongCode: dong.code,
      districtCode: dong.districtCode,
      venue,
      openedOn: isoDate(random.int(FIRST_OPENING, LAST_OPENING)),
      ...location,
    };
  });
  return { learningCenters, centerSpaces };
}
