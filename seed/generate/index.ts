/**
 * Everything in the seed network that has no public source, generated from a
 * seed number. Each section draws from its own random stream, so a change in
 * one section (or in the program count) leaves the others as they were.
 */
import type { DongRow, Network, SpaceRow } from '../network.types';
import { sectionRandom } from '../random';
import type { RealData } from '../real';
import { generateLearningCenters } from './centers';
import { generateCitySupport } from './city-support';
import { generateCivilProviders } from './civil-providers';
import { generateCommunities } from './communities';
import { generateCooperation } from './cooperation';
import { generateCounselingSessions } from './counseling';
import { generateExperts } from './experts';
import { generateDiscoveredResources } from './discovered-resources';
import { generatePartnerships, generateProposalsAndOfficePartnerships } from './partnerships';
import { programPlan, streamEnrollments, streamPrograms } from './programs';
import { generateSpaces, spacesByOwner } from './spaces';
import { subjectPicker } from './subjects';
import { CULTURAL_SPACES, LIBRARY_SPACES, SCHOOL_SPACES } from './vocabulary';

export type GeneratedData = Omit<Network, keyof RealData | 'options'>;

export function generateData(real: RealData, seed: number, programCount: number): GeneratedData {
  const spacesRandom = sectionRandom(seed, 'spaces');
  const schoolSpaces = generateSpaces(real.schools, SCHOOL_SPACES, [1, 2], spacesRandom);
  const librarySpaces = generateSpaces(real.libraries, LIBRARY_SPACES, [1, 3], spacesRandom);
  const culturalSpaces = generateSpaces(real.culturalCenters, CULTURAL_SPACES, [1, 3], spacesRandom);
  const institutionSpaces = spacesByOwner([...schoolSpaces, ...librarySpaces, ...culturalSpaces]);

  const { learningCenters, centerSpaces } = generateLearningCenters(
    real,
    institutionSpaces,
    sectionRandom(seed, 'centers'),
  );
  const allSpaces: SpaceRow[] = [...schoolSpaces, ...librarySpaces, ...culturalSpaces, ...centerSpaces];
  const dongsByCode = new Map<string, DongRow>(real.dongs.map((dong) => [dong.code, dong]));
  const pickSubject = subjectPicker(real.fields);

  const experts = generateExperts(real.districts, learningCenters, sectionRandom(seed, 'experts'));
  const citySupport = generateCitySupport(real.districts, experts, sectionRandom(seed, 'city-support'));
  const cooperation = generateCooperation(real.districts, citySupport, sectionRandom(seed, 'cooperation'));
  const counselingSessions = generateCounselingSessions(experts, learningCenters, sectionRandom(seed, 'counseling'));
  const civilProviders = generateCivilProviders(real.districts, sectionRandom(seed, 'civil-providers'));
  const communities = generateCommunities(
    learningCenters,
    dongsByCode,
    pickSubject,
    sectionRandom(seed, 'communities'),
  );
  const partnerships = generatePartnerships(
    real,
    learningCenters,
    civilProviders,
    new Map(allSpaces.map((space) => [space.id, space])),
    sectionRandom(seed, 'partnerships'),
  );
  const plan = programPlan(learningCenters, partnerships, spacesByOwner(allSpaces), dongsByCode, pickSubject);
  const proposalsAndOffices = generateProposalsAndOfficePartnerships(
    real,
    learningCenters,
    experts,
    partnerships,
    sectionRandom(seed, 'partnership-proposals'),
  );
  const discoveredResources = generateDiscoveredResources(real, experts, sectionRandom(seed, 'discovered-resources'));

  return {
    schoolSpaces,
    librarySpaces,
    culturalSpaces,
    civilProviders,
    learningCenters,
    centerSpaces,
    experts,
    citySupport,
    ...cooperation,
    counselingSessions,
    communities,
    partnerships: [...partnerships, ...proposalsAndOffices],
    discoveredResources,
    programs: () => streamPrograms(plan, seed, programCount),
    enrollments: () => streamEnrollments(plan, seed, programCount),
  };
}
