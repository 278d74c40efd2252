import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { DistrictEducationOfficeResolver, districtSchoolsResolvers } from './district.resolver';
import { EducationOffice } from './education-office.entity';
import { EducationOfficeResolver } from './education-office.resolver';
import { migrations } from './migrations';
import { School } from './school.entity';
import { SchoolProfileMutation, SchoolSpaceMutations } from './school.mutation';
import { SchoolResolver, schoolSpaceResolvers } from './school.resolver';
import { SchoolSpace } from './school-space.entity';
import { seedSchools } from './schools.seed';
import { ServedDistrict } from './served-district.entity';
import { provenanceBackfill } from '../../lib/subgraph/provenance';

/** Education offices, schools and the school spaces open to residents. */
export const schoolsSubgraph: SubgraphDefinition = {
  subgraph: 'schools',
  entities: [EducationOffice, ServedDistrict, School, SchoolSpace],
  migrations,
  sqliteBackfills: [
    // Rows from before the provenance column (lib/subgraph/provenance.ts): its migration runs the same SQL.
    provenanceBackfill('education_office', 'SEOUL_EDUCATION_OFFICES'),
    provenanceBackfill('school', 'SCHOOLS_2026'),
    provenanceBackfill('school_space', { apiIds: '%-R%' }),
  ],
  resolvers: [
    SchoolResolver,
    ...schoolSpaceResolvers,
    EducationOfficeResolver,
    DistrictEducationOfficeResolver,
    ...districtSchoolsResolvers,
    SchoolProfileMutation,
    SchoolSpaceMutations,
  ],
  referenceResolvers: {
    School: byKey(School),
    SchoolSpace: byKey(SchoolSpace),
    EducationOffice: byKey(EducationOffice, 'code'),
  },
  seed: seedSchools,
};
