/**
 * One Neighborhood Learning Center (동네배움터) per dong, hosted where possible
 * in a real library, cultural center or school of that dong, otherwise in a
 * room of the dong's community service center; and a few near-workplace
 * centers in the city's office districts. Opening dates follow the city's
 * plan: dong centers from 2019 to the end of 2022, district by district.
 */
import { dayOf, isoDate } from '../dates';
import { byDistanceFrom } from '../geo';
import type {
  CulturalCenterKind,
  DongRow,
  EntityRef,
  GeoPoint,
  LearningCenterKind,
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

/** The plan: the first districts joined in 2019, and every dong had its center by the end of 2022. */
const FIRST_OPENING = dayOf('2019-03-01');
const LAST_DISTRICT_JOINING = dayOf('2021-12-31');
export const LAST_DONG_CENTER_OPENING = '2022-12-31';
/** Near-workplace centers came after the dong centers had started. */
const NEAR_WORKPLACE_OPENINGS = [dayOf('2021-03-01'), dayOf('2025-12-31')] as const;

/** The dongs of Seoul's main office districts: the old downtown, Yeouido, Gangnam, G-Valley, DMC and Munjeong. */
export const WORKPLACE_DONG_CODES: readonly string[] = [
  '1111061500', // 종로1·2·3·4가동
  '1114052000', // 소공동
  '1156054000', // 여의동
  '1168064000', // 역삼1동
  '1165052000', // 서초2동
  '1154551000', // 가산동
  '1153054000', // 구로3동
  '1144074000', // 상암동
  '1171064200', // 문정2동
];

const OPENING_HOURS: Record<LearningCenterKind, readonly string[]> = {
  DONG_CENTER: ['평일 09:00-18:00', '평일 09:00-21:00, 토 09:00-13:00', '평일 10:00-19:00, 토 10:00-17:00'],
  NEAR_WORKPLACE_CENTER: ['평일 11:30-13:30, 18:30-22:00', '평일 18:00-22:00, 토 10:00-16:00'],
};
const ACCESSIBILITY_NOTES: readonly string[] = [
  '1층, 휠체어로 출입할 수 있습니다. 장애인 화장실이 있습니다.',
  '엘리베이터와 경사로가 있습니다. 장애인 주차구역이 있습니다.',
  '2층, 엘리베이터가 없습니다. 1층 민원실에서 도움을 요청하세요.',
  '점자 안내판과 음성 안내가 있습니다. 보조견과 함께 입장할 수 있습니다.',
];

interface HostCandidate extends GeoPoint {
  id: string;
  districtCode: string;
  dongCode: string | null;
  address: string | null;
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

/** A center's contact details for residents: the host's address where it has one, the rest made up. */
function contactOf(
  kind: LearningCenterKind,
  where: { districtName: string; dongName: string; hostAddress: string | null },
  random: Random,
): Pick<LearningCenterRow, 'address' | 'phone' | 'openingHours' | 'accessibilityNotes'> {
  const building = kind === 'DONG_CENTER' ? '주민센터' : '업무지구 공유공간';
  return {
    address:
      where.hostAddress ?? `서울특별시 ${where.districtName} ${where.dongName} ${building} ${random.int(2, 4)}층`,
    phone: `02-${random.int(2000, 3999)}-${String(random.int(0, 9999)).padStart(4, '0')}`,
    openingHours: random.pick(OPENING_HOURS[kind]),
    accessibilityNotes: random.pick(ACCESSIBILITY_NOTES),
  };
}

export function generateLearningCenters(
  real: RealData,
  spacesOf: ReadonlyMap<string, readonly SpaceRow[]>,
  random: Random,
): { learningCenters: LearningCenterRow[]; centerSpaces: SpaceRow[] } {
  const pools = hostPools(real).map((pool) => ({ ...pool, byDong: groupByDong(pool.institutions, real.dongs) }));
  const districtNames = new Map(real.districts.map((district) => [district.code, district.nameKo]));
  // Each district joins the cooperation model on its day; its dong centers open from then to the end of 2022.
  const joiningDay = new Map(
    real.districts.map((district) => [district.code, random.int(FIRST_OPENING, LAST_DISTRICT_JOINING)]),
  );
  const centerSpaces: SpaceRow[] = [];
  const ownRoom = (id: string, roomName: string): EntityRef<VenueTypename> => {
    const room = spaceOf(id, 1, { ...CENTER_SPACE, name: roomName }, random);
    centerSpaces.push(room);
    return { typename: 'CenterSpace', id: room.id };
  };
  const dongCenters = real.dongs.map((dong): LearningCenterRow => {
    const id = `LC${dong.code}`;
    let venue: EntityRef<VenueTypename> | null = null;
    let location: GeoPoint = { lat: dong.lat, lng: dong.lng };
    let hostAddress: string | null = null;
    for (const pool of pools) {
      const nearest = byDistanceFrom(pool.byDong.get(dong.code) ?? [], dong)
        .map((host) => ({ host, room: spacesOf.get(host.id)?.[0] }))
        .find(({ room }) => room !== undefined);
      if (!nearest?.room) continue;
      venue = { typename: pool.venueType, id: nearest.room.id };
      location = { lat: nearest.host.lat, lng: nearest.host.lng };
      hostAddress = nearest.host.address;
      break;
    }
    venue ??= ownRoom(id, `${dong.nameKo} ${CENTER_SPACE.name}`);
    const where = { districtName: districtNames.get(dong.districtCode) ?? '', dongName: dong.nameKo, hostAddress };
    return {
      id,
      name: `${dong.nameKo} 동네배움터`,
      kind: 'DONG_CENTER',
      dongCode: dong.code,
      districtCode: dong.districtCode,
      venue,
      openedOn: isoDate(random.int(joiningDay.get(dong.districtCode)!, dayOf(LAST_DONG_CENTER_OPENING))),
      ...contactOf('DONG_CENTER', where, random),
      ...location,
    };
  });
  const dongsByCode = new Map(real.dongs.map((dong) => [dong.code, dong]));
  const nearWorkplaceCenters = WORKPLACE_DONG_CODES.flatMap((code): LearningCenterRow[] => {
    const dong = dongsByCode.get(code);
    if (!dong) return [];
    const id = `LCW${dong.code}`;
    const where = {
      districtName: districtNames.get(dong.districtCode) ?? '',
      dongName: dong.nameKo,
      hostAddress: null,
    };
    return [
      {
        id,
        name: `${dong.nameKo} 직장인 동네배움터`,
        kind: 'NEAR_WORKPLACE_CENTER',
        dongCode: dong.code,
        districtCode: dong.districtCode,
        venue: ownRoom(id, `${dong.nameKo} 직장인 배움터 강의실`),
        openedOn: isoDate(random.int(...NEAR_WORKPLACE_OPENINGS)),
        ...contactOf('NEAR_WORKPLACE_CENTER', where, random),
        // A street away from the dong center, so both show on the map.
        lat: dong.lat + 0.002,
        lng: dong.lng + 0.002,
      },
    ];
  });
  return { learningCenters: [...dongCenters, ...nearWorkplaceCenters], centerSpaces };
}
