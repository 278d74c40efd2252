import type { EntityClass } from '@mikro-orm/core';
import type { SubgraphContext } from '../../lib/context';
import type { SubgraphDefinition } from '../../lib/subgraph-server';
import { CenterSpace } from './center-space.entity';
import { seedCenters } from './centers.seed';
import { CitySupport } from './city-support.entity';
import { CitySupportMutations } from './city-support.mutation';
import { LearningCommunityMutations } from './community.mutation';
import { CoverageResolver, DistrictCoverageResolver, ProgramFieldCountResolver } from './coverage.resolver';
import { District } from './district.entity';
import { DistrictResolver, DongResolver } from './district.resolver';
import { Dong } from './dong.entity';
import { Enrollment } from './enrollment.entity';
import { EnrollmentMutationResolver } from './enrollment.mutation';
import { EnrollmentResolver, visibleEnrollment } from './enrollment.resolver';
import { LifelongLearningExpert } from './expert.entity';
import { ExpertMutations } from './expert.mutation';
import { CitySupportResolver, ExpertResolver, LearningCommunityResolver } from './expert.resolver';
import { institutionLinksResolvers } from './institution.resolver';
import { LearningCenter } from './learning-center.entity';
import { CenterSpaceResolver, LearningCenterResolver } from './learning-center.resolver';
import { LearningCommunity } from './learning-community.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { LifelongEducationFieldResolver } from './lifelong-education-field.resolver';
import { migrations } from './migrations';
import { Partnership } from './partnership.entity';
import { PartnershipMutations } from './partnership.mutation';
import { PartnershipResolver } from './partnership.resolver';
import { Program, PUBLISHED_AT_BACKFILL } from './program.entity';
import { ProgramMutationResolver } from './program.mutation';
import { ProgramFeedResolver } from './program-feed.resolver';
import { ProgramResolver, visibleProgram } from './program.resolver';
import { ProgramSearchResolver } from './program-search.resolver';
import { NetworkGraphResolver, NetworkNodeResolver } from './network-graph.resolver';
import { ProgramSession } from './program-session.entity';
import { ViewerResolver } from './viewer.resolver';

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
  sqliteBackfills: [{ table: 'program', column: 'published_at', sql: PUBLISHED_AT_BACKFILL }],
  resolvers: [
    DistrictResolver, DongResolver, LearningCenterResolver, CenterSpaceResolver, ProgramResolver, PartnershipResolver,
    ExpertResolver, LearningCommunityResolver, CitySupportResolver, LifelongEducationFieldResolver, CoverageResolver,
    DistrictCoverageResolver, ProgramFieldCountResolver, ProgramSearchResolver, NetworkGraphResolver, NetworkNodeResolver, EnrollmentResolver, ...institutionLinksResolvers,
    PartnershipMutations, LearningCommunityMutations, ExpertMutations, CitySupportMutations,
    ProgramMutationResolver, EnrollmentMutationResolver, ViewerResolver, ProgramFeedResolver,
  ],
  referenceResolvers: {
    District: byKey(District, 'code'),
    Dong: byKey(Dong, 'code'),
    LifelongEducationField: byKey(LifelongEducationField, 'code'),
    LearningCenter: byKey(LearningCenter),
    CenterSpace: byKey(CenterSpace),
    LifelongLearningExpert: byKey(LifelongLearningExpert),
    LearningCommunity: byKey(LearningCommunity),
    Partnership: byKey(Partnership),
    // Drafts and enrollments are not public: a representation the caller may not see resolves to null.
    Program: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleProgram(ctx, ref.id) },
    Enrollment: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleEnrollment(ctx, ref.id) },
  },
  seed: seedCenters,
};
