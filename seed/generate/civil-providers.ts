/** Civil program providers: cooperatives, nonprofits, academies and the like, each serving a few nearby districts. */
import { byDistanceFrom } from '../geo';
import { compareText, sequenceId } from '../ids';
import type { CivilProviderKind, CivilProviderRow, DistrictRow } from '../network.types';
import { weightedPicker, type Random } from '../random';
import { CIVIL_PROVIDER_NAMES, ORGANISATION_WORDS } from './vocabulary';

const PROVIDER_COUNT = 300;
/** Share holding the city's 서울시 우수 평생교육 프로그램 certification. */
const CERTIFIED_SHARE = 0.15;

const KIND_WEIGHTS: readonly (readonly [CivilProviderKind, number])[] = [
  ['COOPERATIVE', 25],
  ['NONPROFIT', 20],
  ['COMMUNITY_GROUP', 20],
  ['ACADEMY', 15],
  ['SOCIAL_ENTERPRISE', 12],
  ['UNIVERSITY_EXTENSION', 8],
];
/** Local groups often carry their district in the name ("마포 두레 배움공동체"). */
const LOCAL_KINDS: readonly CivilProviderKind[] = ['COOPERATIVE', 'COMMUNITY_GROUP'];

export function generateCivilProviders(districts: readonly DistrictRow[], random: Random): CivilProviderRow[] {
  const pickKind = weightedPicker(KIND_WEIGHTS);
  const usedNames = new Set<string>();
  const providers: CivilProviderRow[] = [];
  while (providers.length < PROVIDER_COUNT) {
    const kind = pickKind(random);
    const home = random.pick(districts);
    const nameOf = random.pick(CIVIL_PROVIDER_NAMES.filter(([nameKind]) => nameKind === kind))[1];
    const localPrefix = LOCAL_KINDS.includes(kind) && random.chance(0.4) ? `${home.nameKo.replace(/구$/, '')} ` : '';
    const name = localPrefix + nameOf(random.pick(ORGANISATION_WORDS));
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    // a provider works in its home district and the nearest others
    const served = byDistanceFrom(districts, home).slice(0, random.int(1, 4));
    providers.push({
      id: sequenceId('CP', providers.length + 1, 4),
      name,
      kind,
      certifiedExcellent: random.chance(CERTIFIED_SHARE),
      districtCodes: served.map((district) => district.code).sort(compareText),
    });
  }
  return providers;
}
