/** Everything in the seed network that comes from real, public Seoul data. */
import type { Network } from '../network.types';
import { loadCulturalCenters } from './cultural-centers';
import { loadLibraries } from './libraries';
import { createPlacer } from './placement';
import { loadDistricts, loadDongs, loadEducationOffices, loadFields } from './regions';
import { loadSchools } from './schools';

export type RealData = Pick<
  Network,
  'districts' | 'dongs' | 'educationOffices' | 'fields' | 'schools' | 'libraries' | 'culturalCenters'
>;

export function loadRealData(): RealData {
  const educationOffices = loadEducationOffices();
  const districts = loadDistricts(educationOffices);
  const dongMap = loadDongs();
  const placer = createPlacer(dongMap);
  return {
    districts,
    dongs: dongMap.dongs,
    educationOffices,
    fields: loadFields(),
    schools: loadSchools(placer),
    libraries: loadLibraries(placer),
    culturalCenters: loadCulturalCenters(placer, districts),
  };
}
