/**
 * The shape of Baeumteo's seed network: real Seoul data (districts, dongs,
 * education offices, schools, libraries, cultural centers, the national
 * program classification) plus what is generated deterministically from a
 * seed number (learning centers, experts, civil providers, spaces,
 * partnerships, programs, enrollments). Every subgraph seeds its own slice of
 * one network, so all five databases agree without reading each other.
 */

import type { InstitutionTypename, VenueTypename } from '../lib/typenames';

export type { InstitutionTypename, VenueTypename };
export interface EntityRef<T extends string> {
  typename: T;
  id: string;
}

export type ProgramTrack = 'LIFE_CULTURE' | 'VOCATIONAL_CAPACITY' | 'LOCAL_PROBLEM_SOLVING';
export type ProgramStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
export type SchoolLevel = 'ELEMENTARY' | 'MIDDLE' | 'HIGH';
export type LibraryKind = 'PUBLIC' | 'SMALL' | 'CHILDREN' | 'SCHOOL';
export type CulturalCenterKind =
  | 'LOCAL_CULTURAL_CENTER' // a gu 문화원
  | 'FOREIGN_CULTURAL_INSTITUTE' // 주한독일문화원 and the like
  | 'CULTURE_HOUSE' // 문화의집
  | 'ARTS_CENTER' // 문화예술회관
  | 'PERFORMANCE_HALL' // 공연장
  | 'MUSEUM' // 박물관/기념관
  | 'GALLERY' // 미술관/갤러리
  | 'OTHER'; // 기타
export type CivilProviderKind =
  'NONPROFIT' | 'COOPERATIVE' | 'SOCIAL_ENTERPRISE' | 'ACADEMY' | 'UNIVERSITY_EXTENSION' | 'COMMUNITY_GROUP';
export type ExpertDuty =
  'PROGRAM_DEVELOPMENT' | 'COMMUNITY_SUPPORT' | 'LEARNER_COUNSELING' | 'RESIDENT_COMMUNICATION' | 'RESOURCE_DISCOVERY';
export type CounselingTopic = 'COURSE_CHOICE' | 'MOTIVATION' | 'CAREER' | 'DIGITAL_SKILLS' | 'COMMUNITY' | 'OTHER';
export type CitySupportKind = 'EXPERT_STAFFING' | 'FINANCIAL' | 'CONSULTING';
export type PartnershipKind = 'VENUE_SHARING' | 'CO_HOSTING' | 'INSTRUCTOR_EXCHANGE' | 'RESOURCE_SHARING';
export type EnrollmentStatus = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface DistrictRow extends GeoPoint {
  code: string;
  nameKo: string;
  nameEn: string;
  educationOfficeCode: string;
  areaKm2: number;
}
export interface DongRow extends GeoPoint {
  code: string;
  nameKo: string;
  nameEn: string;
  districtCode: string;
  areaKm2: number | null;
}
export interface EducationOfficeRow {
  code: string;
  key: string;
  nameKo: string;
  nameEn: string;
  districtCodes: string[];
}
export interface LifelongEducationFieldRow {
  code: string;
  parentCode: string | null;
  nameKo: string;
  nameEn: string;
  /** Example topics from the classification ("사진", "요리" ...); empty for areas. */
  examplesKo?: string[];
}

export interface SchoolRow extends GeoPoint {
  id: string;
  name: string;
  level: SchoolLevel;
  districtCode: string;
  dongCode: string | null;
  educationOfficeCode: string;
  address: string | null;
  foundedOn: string | null;
}
export interface LibraryRow extends GeoPoint {
  id: string;
  name: string;
  kind: LibraryKind;
  districtCode: string;
  dongCode: string | null;
  address: string | null;
  phone: string | null;
  homepage: string | null;
  seats: number | null;
}
export interface CulturalCenterRow extends GeoPoint {
  id: string;
  name: string;
  kind: CulturalCenterKind;
  districtCode: string;
  dongCode: string | null;
  address: string | null;
  phone: string | null;
  homepage: string | null;
  seats: number | null;
}
/** A room in an institution that can host programs (generated). */
export interface SpaceRow {
  id: string;
  ownerId: string;
  name: string;
  capacity: number;
}

export interface CivilProviderRow {
  id: string;
  name: string;
  kind: CivilProviderKind;
  certifiedExcellent: boolean;
  districtCodes: string[];
}

export type LearningCenterKind = 'DONG_CENTER' | 'NEAR_WORKPLACE_CENTER';
export interface LearningCenterRow extends GeoPoint {
  id: string;
  name: string;
  kind: LearningCenterKind;
  dongCode: string;
  districtCode: string;
  venue: EntityRef<VenueTypename> | null;
  openedOn: string;
  address: string;
  phone: string;
  openingHours: string;
  accessibilityNotes: string;
}
export interface ExpertRow {
  id: string;
  name: string;
  districtCode: string;
  centerId: string | null;
  duties: ExpertDuty[];
}
export interface CounselingSessionRow {
  id: string;
  heldOn: string;
  topic: CounselingTopic;
  centerId: string;
  districtCode: string;
  /** The center's opaque learner code: the subgraph stores only its digest. */
  learnerRef: string;
  expertId: string;
  recordedAt: string;
}
export interface CitySupportRow {
  id: string;
  districtCode: string;
  kind: CitySupportKind;
  year: number;
  amountKrw: number | null;
  note: string | null;
}
/** A district's cooperation agreement with the city (real: all 25 took part; dates generated). */
export interface CooperationAgreementRow {
  districtCode: string;
  since: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'ENDED';
  note: string | null;
  updatedAt: string;
}
/** A district's request for city support (generated), linked to the support when granted. */
export interface SupportRequestRow {
  id: string;
  districtCode: string;
  kind: CitySupportKind;
  year: number;
  note: string;
  status: 'REQUESTED' | 'GRANTED' | 'DECLINED' | 'WITHDRAWN';
  requestedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  citySupportId: string | null;
}
export interface LearningCommunityRow {
  id: string;
  name: string;
  centerId: string;
  memberCount: number;
  track: ProgramTrack;
}
export type PartnershipStatus = 'PROPOSED' | 'ACTIVE' | 'DECLINED' | 'ENDED';
export interface PartnershipRow {
  id: string;
  centerId: string;
  /** An institution, or an office of education (a partner that hosts no programs). */
  partner: EntityRef<InstitutionTypename | 'EducationOffice'>;
  kind: PartnershipKind;
  since: string;
  active: boolean;
  status: PartnershipStatus;
  /** For a proposal: the proposing expert, when, and why. */
  proposal?: { expertId: string; proposedAt: string; note: string };
  /** For a decided proposal: when, and (declined) why. */
  decision?: { decidedAt: string; declineReason: string | null };
}
export type DiscoveredResourceKind = 'SPACE' | 'INSTITUTION' | 'PERSON_SKILL';
export interface DiscoveredResourceRow {
  id: string;
  districtCode: string;
  kind: DiscoveredResourceKind;
  name: string;
  description: string;
  note: string | null;
  dongCode: string | null;
  institution: EntityRef<InstitutionTypename> | null;
  expertId: string;
  recordedAt: string;
}
export interface ProgramSessionRow {
  startsAt: string;
  endsAt: string;
}
export interface ProgramRow {
  id: string;
  title: string;
  titleEn: string;
  description: string | null;
  track: ProgramTrack;
  fieldCode: string;
  centerId: string;
  host: EntityRef<InstitutionTypename>;
  venue: EntityRef<VenueTypename> | null;
  startsOn: string;
  endsOn: string;
  sessions: ProgramSessionRow[];
  capacity: number;
  feeKrw: number;
  status: ProgramStatus;
  createdAt: string;
  /** The year the city certified it as excellent; null for most. */
  certifiedYear: number | null;
}
export interface EnrollmentRow {
  id: string;
  programId: string;
  residentId: string;
  status: EnrollmentStatus;
  waitlistPosition: number | null;
  createdAt: string;
}

/** demo: the real registries and the generated demonstration network; real-only: the real registries alone. */
export type SeedMode = 'demo' | 'real-only';

export interface SeedOptions {
  seed: number;
  programs: number;
  mode: SeedMode;
}

export interface Network {
  options: SeedOptions;
  districts: DistrictRow[];
  dongs: DongRow[];
  educationOffices: EducationOfficeRow[];
  fields: LifelongEducationFieldRow[];
  schools: SchoolRow[];
  schoolSpaces: SpaceRow[];
  libraries: LibraryRow[];
  librarySpaces: SpaceRow[];
  culturalCenters: CulturalCenterRow[];
  culturalSpaces: SpaceRow[];
  civilProviders: CivilProviderRow[];
  learningCenters: LearningCenterRow[];
  centerSpaces: SpaceRow[];
  experts: ExpertRow[];
  citySupport: CitySupportRow[];
  cooperationAgreements: CooperationAgreementRow[];
  supportRequests: SupportRequestRow[];
  counselingSessions: CounselingSessionRow[];
  communities: LearningCommunityRow[];
  partnerships: PartnershipRow[];
  discoveredResources: DiscoveredResourceRow[];
  /** Streams programs in id order, so a million of them never sit in memory at once. */
  programs(): Iterable<ProgramRow>;
  /** Streams the enrollments of the generated programs, in id order. */
  enrollments(): Iterable<EnrollmentRow>;
}
