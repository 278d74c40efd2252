import type { SubgraphContext } from '../../lib/subgraph/context';
import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { CenterSpace } from './places/center-space.entity';
import { seedCenters } from './centers.seed';
import { CitySupport } from './network/city-support.entity';
import { CitySupportMutations } from './network/city-support.mutation';
import { CounselingSession } from './network/counseling-session.entity';
import { CounselingMutations } from './network/counseling.mutation';
import { CounselingSessionResolver, DistrictCounselingResolver } from './network/counseling.resolver';
import { LearningCommunityMutations } from './network/community.mutation';
import { CoverageResolver, DistrictCoverageResolver, ProgramFieldCountResolver } from './analytics/coverage.resolver';
import { District } from './places/district.entity';
import { DistrictResolver, DongResolver } from './places/district.resolver';
import { Dong } from './places/dong.entity';
import { Enrollment } from './programs/enrollment.entity';
import { EnrollmentMutationResolver } from './programs/enrollment.mutation';
import { EnrollmentResolver, ViewerEnrollmentsResolver, visibleEnrollment } from './programs/enrollment.resolver';
import { LifelongLearningExpert } from './network/expert.entity';
import { ExpertMutations } from './network/expert.mutation';
import { CitySupportResolver, ExpertResolver, LearningCommunityResolver } from './network/expert.resolver';
import { EducationOfficePartnershipsResolver, institutionLinksResolvers } from './institutions/institution.resolver';
import { LearningCenter } from './places/learning-center.entity';
import { CenterSpaceResolver, LearningCenterResolver } from './places/learning-center.resolver';
import { LearningCenterMutations } from './places/learning-center.mutation';
import { LearningCommunity } from './network/learning-community.entity';
import { LifelongEducationField } from './programs/lifelong-education-field.entity';
import { LifelongEducationFieldResolver } from './programs/lifelong-education-field.resolver';
import { migrations } from './migrations';
import { DiscoveredResource } from './network/discovered-resource.entity';
import { DiscoveredResourceMutations } from './network/discovered-resource.mutation';
import {
  DiscoveredResourceResolver,
  DistrictDiscoveredResourcesResolver,
} from './network/discovered-resource.resolver';
import { Partnership, PARTNERSHIP_STATUS_BACKFILL } from './network/partnership.entity';
import { PartnershipMutations } from './network/partnership.mutation';
import { PartnershipResolver } from './network/partnership.resolver';
import { Program, PUBLISHED_AT_BACKFILL } from './programs/program.entity';
import { ProgramMutationResolver } from './programs/program.mutation';
import { ProgramFeedResolver } from './programs/program-feed.resolver';
import { ProgramResolver, visibleProgram } from './programs/program.resolver';
import { ProgramSearchResolver } from './programs/program-search.resolver';
import { NetworkGraphResolver, NetworkNodeResolver } from './network/network-graph.resolver';
import { ProgramSession } from './programs/program-session.entity';
import { ViewerResolver } from './viewer.resolver';
import { CommunityActivity } from './network/community-activity.entity';
import { CommunityMembership } from './network/community-membership.entity';
import { CommunityMembershipMutations } from './network/community-membership.mutation';
import { CommunityLifeResolver, ViewerCommunitiesResolver } from './network/community.resolver';
import { Notice } from './notices/notice.entity';
import { NoticeMutations } from './notices/notice.mutation';
import { DistrictNoticesResolver, LearningCenterNoticesResolver, NoticeResolver } from './notices/notice.resolver';
import { CooperationAgreement } from './network/cooperation-agreement.entity';
import { CooperationMutations } from './network/cooperation.mutation';
import {
  CooperationAgreementResolver,
  DistrictCooperationResolver,
  SupportRequestResolver,
} from './network/cooperation.resolver';
import { SupportRequest } from './network/support-request.entity';
import { ProgramCertificationMutations } from './programs/program-certification.mutation';
import { provenanceBackfill } from '../../lib/subgraph/provenance';
import { visiblePartnership } from './network/partnership.access';

/** The city hub: districts, dongs, learning centers, experts, communities, notices, the program catalog and partnerships. */
export const centersSubgraph: SubgraphDefinition = {
  subgraph: 'centers',
  entities: [
    District,
    Dong,
    LifelongEducationField,
    LearningCenter,
    CenterSpace,
    LifelongLearningExpert,
    CitySupport,
    CooperationAgreement,
    SupportRequest,
    LearningCommunity,
    CommunityActivity,
    CommunityMembership,
    Notice,
    Partnership,
    Program,
    ProgramSession,
    Enrollment,
    CounselingSession,
    DiscoveredResource,
  ],
  migrations,
  sqliteBackfills: [
    { table: 'program', column: 'published_at', sql: PUBLISHED_AT_BACKFILL },
    { table: 'partnership', column: 'status', sql: PARTNERSHIP_STATUS_BACKFILL },
    // Rows from before the provenance column (lib/subgraph/provenance.ts): its migration runs the same SQL.
    provenanceBackfill('district', 'ADMDONG_2021'),
    provenanceBackfill('dong', 'ADMDONG_2021'),
    provenanceBackfill('lifelong_education_field', 'NILE_FIELDS_2009'),
    provenanceBackfill('learning_center', { apiIds: 'LC-%' }),
    provenanceBackfill('center_space', { apiIds: '%-R%' }),
    provenanceBackfill('lifelong_learning_expert', { apiIds: 'EX-%' }),
    provenanceBackfill('city_support', { apiIds: 'CS-%' }),
    provenanceBackfill('counseling_session', { apiIds: 'CO-%' }),
    provenanceBackfill('learning_community', { apiIds: 'LCM-%' }),
    provenanceBackfill('community_activity', { apiIds: 'LCA-%' }),
    provenanceBackfill('partnership', { apiIds: 'PS-%' }),
    provenanceBackfill('notice', { apiIds: 'NTC-%' }),
    provenanceBackfill('program', { apiIds: 'PG-%' }),
    provenanceBackfill('enrollment', { apiIds: 'EN-%' }),
  ],
  resolvers: [
    DistrictResolver,
    DongResolver,
    LearningCenterResolver,
    CenterSpaceResolver,
    ProgramResolver,
    PartnershipResolver,
    ExpertResolver,
    LearningCommunityResolver,
    CitySupportResolver,
    LifelongEducationFieldResolver,
    CoverageResolver,
    DistrictCoverageResolver,
    ProgramFieldCountResolver,
    ProgramSearchResolver,
    NetworkGraphResolver,
    NetworkNodeResolver,
    EnrollmentResolver,
    DistrictCounselingResolver,
    CounselingSessionResolver,
    ...institutionLinksResolvers,
    EducationOfficePartnershipsResolver,
    PartnershipMutations,
    LearningCommunityMutations,
    ExpertMutations,
    CitySupportMutations,
    CounselingMutations,
    DiscoveredResourceMutations,
    DiscoveredResourceResolver,
    DistrictDiscoveredResourcesResolver,
    ProgramMutationResolver,
    EnrollmentMutationResolver,
    ViewerResolver,
    ProgramFeedResolver,
    CommunityLifeResolver,
    ViewerCommunitiesResolver,
    ViewerEnrollmentsResolver,
    CommunityMembershipMutations,
    NoticeResolver,
    LearningCenterNoticesResolver,
    DistrictNoticesResolver,
    NoticeMutations,
    DistrictCooperationResolver,
    SupportRequestResolver,
    CooperationAgreementResolver,
    CooperationMutations,
    ProgramCertificationMutations,
    LearningCenterMutations,
  ],
  referenceResolvers: {
    District: byKey(District, 'code'),
    Dong: byKey(Dong, 'code'),
    LifelongEducationField: byKey(LifelongEducationField, 'code'),
    LearningCenter: byKey(LearningCenter),
    CenterSpace: byKey(CenterSpace),
    LifelongLearningExpert: byKey(LifelongLearningExpert),
    LearningCommunity: byKey(LearningCommunity),
    // Proposals, declined partnerships, drafts and enrollments are not public: a representation the caller may not
    // see resolves to null.
    Partnership: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visiblePartnership(ctx, ref.id),
    },
    Program: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleProgram(ctx, ref.id) },
    Enrollment: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleEnrollment(ctx, ref.id) },
  },
  seed: seedCenters,
};
