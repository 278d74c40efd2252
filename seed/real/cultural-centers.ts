/** Cultural spaces from Seoul Open Data (libraries excluded: they come from the library lists). */
import { numberByDistrictAndName } from '../ids';
import type { CulturalCenterKind, CulturalCenterRow, DistrictRow } from '../network.types';
import type { Placer } from './placement';
import { pointOrNull, readDataCsv, seatsOrNull, textOrNull, withoutSpaces } from './source';

const KINDS_BY_CATEGORY: Record<string, CulturalCenterKind> = {
  문화예술회관: 'ARTS_CENTER',
  공연장: 'PERFORMANCE_HALL',
  '박물관/기념관': 'MUSEUM',
  '미술관/갤러리': 'GALLERY',
  기타: 'OTHER',
};

/** Countries with institutes in the 문화원 category, plus likely newcomers. */
const FOREIGN_MARKERS = [
  '주한',
  '대사관',
  '독일',
  '영국',
  '프랑스',
  '이탈리아',
  '스페인',
  '일본',
  '중국',
  '몽골',
  '이스라엘',
  '헝가리',
  '러시아',
  '미국',
  '캐나다',
  '호주',
  '인도',
  '베트남',
  '태국',
  '튀르키예',
  '터키',
  '폴란드',
  '체코',
  '멕시코',
  '브라질',
];

/**
 * The 문화원 category mixes gu cultural centers ("마포문화원", "동작문화원 사당분원"),
 * foreign institutes and 문화의집; the name tells them apart. 문화의집 also
 * hides in the catch-all 기타 category.
 */
function kindOf(category: string, name: string, guStems: readonly string[]): CulturalCenterKind {
  const compact = withoutSpaces(name);
  if ((category === '문화원' || category === '기타') && compact.includes('문화의집')) return 'CULTURE_HOUSE';
  if (category !== '문화원') return KINDS_BY_CATEGORY[category] ?? 'OTHER';
  if (FOREIGN_MARKERS.some((marker) => compact.includes(marker))) return 'FOREIGN_CULTURAL_INSTITUTE';
  if (guStems.some((stem) => compact.startsWith(`${stem}문화원`))) return 'LOCAL_CULTURAL_CENTER';
  return 'OTHER';
}

export function loadCulturalCenters(placer: Placer, districts: readonly DistrictRow[]): CulturalCenterRow[] {
  const guStems = districts.map((district) => district.nameKo.replace(/구$/, ''));
  const byDistrictAndName = new Map<string, Omit<CulturalCenterRow, 'id'>>();
  const rows = readDataCsv('seoul_cultural_spaces.csv', [
    'category_ko',
    'name_ko',
    'address',
    'lat',
    'lng',
    'phone',
    'homepage',
    'seats',
    'gu_code',
  ] as const);
  for (const row of rows) {
    if (row.category_ko === '도서관') continue;
    const point = pointOrNull(row.lat, row.lng);
    const placement = placer.place(point, row.gu_code);
    if (!point || !placement) continue;
    const center = {
      name: row.name_ko.trim(),
      kind: kindOf(row.category_ko, row.name_ko, guStems),
      ...placement,
      address: textOrNull(row.address),
      phone: textOrNull(row.phone),
      homepage: textOrNull(row.homepage),
      seats: seatsOrNull(row.seats),
      ...point,
    };
    // a few places are listed twice, sometimes under two categories: keep the more telling one
    const key = `${center.districtCode}|${withoutSpaces(center.name)}`;
    const listed = byDistrictAndName.get(key);
    if (!listed || (listed.kind === 'OTHER' && center.kind !== 'OTHER')) byDistrictAndName.set(key, center);
  }
  return numberByDistrictAndName([...byDistrictAndName.values()], 'CC');
}
