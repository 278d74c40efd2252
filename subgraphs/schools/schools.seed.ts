import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../seed/entity-rows';
import { EducationOffice } from './education-office.entity';
import { School } from './school.entity';
import { SchoolSpace } from './school-space.entity';
import { ServedDistrict } from './served-district.entity';
import type { SeedSettings } from '../../lib/config';
import { buildNetwork } from '../../seed/network';

export async function seedSchools(em: EntityManager, settings: SeedSettings): Promise<void> {
  const network = buildNetwork(settings);
  await em.insertMany(
    EducationOffice,
    network.educationOffices.map(({ code, nameKo, nameEn }) => ({
      code,
      nameKo,
      nameEn,
      source: 'SEOUL_EDUCATION_OFFICES' as const,
    })),
  );
  await em.insertMany(
    ServedDistrict,
    network.educationOffices.flatMap(
      (office) => office.districtCodes.map((districtCode) => ({ districtCode, educationOffice: office.code })) as never,
    ),
  );
  await em.insertMany(
    School,
    network.schools.map((school) => ({
      ...placeData(school, 'SCHOOLS_2026'),
      level: school.level,
      educationOffice: school.educationOfficeCode,
      foundedOn: school.foundedOn,
    })) as never,
  );
  await em.insertMany(SchoolSpace, network.schoolSpaces.map((space) => spaceData(space, 'school')) as never);
}
