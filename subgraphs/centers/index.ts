import type { EntityClass } from '@mikro-orm/core';
import type { SubgraphContext } from '../../lib/context';
import type { SubgraphDefinition } from '../../lib/subgraph-server';
import { CenterSpace } from './center-space.entity';
import { seedCenters } from './centers.seed';
import { CitySupport } from './city-support.entity';
import { CoverageResolver, DistrictCoverageResolver } from './coverage.resolver';
import { District } from './district.entity';
import { DistrictResolver, DongResolver } from './district.resolver';
import { Dong } from './dong.entity';
import { Enrollment } from './enrollment.entity';
import { EnrollmentResolver } from './enrollment.resolver';
import { LifelongLearningExpert } from './expert.entity';
import { CitySupportResolver, ExpertResolver, LearningCommunityResolver } from './expert.resolver';
import { institutionLinksResolvers } from './institution.resolver';
import { LearningCenter } from './learning-center.entity';
import { CenterSpaceResolver, LearningCenterResolver } from './learning-center.resolver';
import { LearningCommunity } from './learning-community.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { LifelongEducationFieldResolver } from './lifelong-education-field.resolver';
import { migrations } from './migrations';
import { Partnership } from './partnership.entity';
import { PartnershipResolver } from './partnership.resolver';
import { Program } from './program.entity';
import { ProgramResolver } from './program.resolver';
import { ProgramSession } from './program-session.entity';

/** `__resolveReference` through the request's byId loader, so N representations cost one statement. */
function byKey<T extends object>(entity: EntityClass<T>, key: 'id' | 'code' = 'id') {
  return {
    __resolveReference: (ref: Record<string, string>, ctx: SubgraphContext) => ctx.loaders.byId(entity, key).load(ref[key]),
  };
}

/** The city hub: districts, dongs, learning centers, experts, the program catalog and partnerships. */
export const centersSubgraph: SubgraphDefinition = {
  subgraph: 'centers',
  entities: [
    District, Dong, LifelongEducationField, LearningCenter, CenterSpace, LifelongLearningExpert, CitySupport,
    LearningCommunity, Partnership, Program, ProgramSession, Enrollment,
  ],
  migrations,
  resolvers: [
    DistrictResolver, DongResolver, LearningCenterResolver, CenterSpaceResolver, ProgramResolver, PartnershipResolver,
    ExpertResolver, LearningCommunityResolver, CitySupportResolver, LifelongEducationFieldResolver, CoverageResolver,
    DistrictCoverageResolver, EnrollmentResolver, ...institutionLinksResolvers,
  ],
  // No query returns enrollments yet (mutations and auth come later), but the contract type must exist.
  orphanedTypes: [Enrollment],
  referenceResolvers: {
    District: byKey(District, 'code'),
    Dong: byKey(Dong, 'code'),
    LifelongEducationField: byKey(LifelongEducationField, 'code'),
    LearningCenter: byKey(LearningCenter),
    CenterSpace: byKey(CenterSpace),
    LifelongLearningExpert: byKey(LifelongLearningExpert),
    LearningCommunity: byKey(LearningCommunity),
    Partnership: byKey(Partnership),
    Program: byKey(Program),
    Enrollment: byKey(Enrollment),
  },
  seed: seedCenters,
};
