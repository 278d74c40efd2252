import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../lib/seed-rows';
import type { Network } from '../../seed/network.types';
import { EducationOffice } from './education-office.entity';
import { School } from './school.entity';
import { SchoolSpace } from './school-space.entity';
import { ServedDistrict } from './served-district.entity';

export async function seedSchools(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(
    EducationOffice,
    network.educationOffices.map(({ code, nameKo, nameEn }) => ({ code, nameKo, nameEn })),
  );
  await em.insertMany(
    ServedDistrict,
    network.educationOffices.flatMap((office) =>
      office.districtCodes.map((districtCode) => ({ districtCode, educationOffice: office.code })) as never,
    ),
  );
  await em.insertMany(
    School,
    network.schools.map((school) => ({
      ...placeData(school),
      level: school.level,
      educationOffice: school.educationOfficeCode,
      foundedOn: school.foundedOn,
    })) as never,
  );
  await em.insertMany(SchoolSpace, network.schoolSpaces.map((space) => spaceData(space, 'school')) as never);
}
