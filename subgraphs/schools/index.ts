import type { SubgraphContext } from '../../lib/subgraph/context';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { DistrictSchoolsResolver, DongSchoolsResolver } from './district.resolver';
import { EducationOffice } from './education-office.entity';
import { EducationOfficeResolver } from './education-office.resolver';
import { migrations } from './migrations';
import { School } from './school.entity';
import { SchoolProfileMutation, SchoolSpaceMutations } from './school.mutation';
import { SchoolResolver, SchoolSpaceResolver } from './school.resolver';
import { SchoolSpace } from './school-space.entity';
import { seedSchools } from './schools.seed';
import { ServedDistrict } from './served-district.entity';

/** Education offices, schools and the school spaces open to residents. */
export const schoolsSubgraph: SubgraphDefinition = {
  subgraph: 'schools',
  entities: [EducationOffice, ServedDistrict, School, SchoolSpace],
  migrations,
  resolvers: [SchoolResolver, SchoolSpaceResolver, EducationOfficeResolver, DistrictSchoolsResolver, DongSchoolsResolver, SchoolProfileMutation, SchoolSpaceMutations],
  referenceResolvers: {
    School: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(School).load(ref.id) },
    SchoolSpace: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(SchoolSpace).load(ref.id) },
    EducationOffice: {
      __resolveReference: (ref: { code: string }, ctx: SubgraphContext) => ctx.loaders.byId(EducationOffice, 'code').load(ref.code),
    },
  },
  seed: seedSchools,
};
