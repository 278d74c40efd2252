import { BigIntType, Entity, Enum, Formula, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import {
  INSTITUTION_TYPENAMES,
  VENUE_TYPENAMES,
  type InstitutionTypename,
  type VenueTypename,
} from '../../../lib/typenames';
import type { LearningCenter } from '../places/learning-center.entity';
import type { LifelongEducationField } from './lifelong-education-field.entity';
import { ProgramTrack } from './program-track';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/**
 * Programs made before `publishedAt` existed: every one not a draft counts as published when created (an archived
 * draft of that time cannot be told apart). Run by the PostgreSQL migration and the SQLite upgrade alike.
 */
export const PUBLISHED_AT_BACKFILL = `update program set published_at = created_at where published_at is null and status <> 'DRAFT'`;

@ObjectType({
  description: "The city's certification of a program as excellent (서울시 우수 평생교육 프로그램 인증), for one year.",
})
export class ProgramCertification {
  @Field(() => Int, { description: 'The year the city certified it for.' })
  year!: number;

  @Field(() => DateTimeScalar, { description: 'When the city recorded the certification.' })
  certifiedAt!: string;
}

export enum ProgramStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ProgramStatus, {
  name: 'ProgramStatus',
  description:
    'Drafts are seen only by those who manage them; published programs take enrollments; an archived program is public only if it was published.',
});

/**
 * A program of the shared catalog. Every list of programs is ordered by
 * (startsOn, id) and filtered by status first, hence the index shapes.
 * The catalog-wide and per-district indexes also carry the folded titles, so
 * a title search counts and pages from the index alone (an index-only scan on
 * PostgreSQL) instead of reading every program of the district.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A lifelong-learning program of the shared catalog, run for a learning center by one host institution. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'program' })
@Index({
  name: 'program_status_search_index',
  properties: ['status', 'startsOn', 'id', 'titleFolded', 'titleEnFolded'],
})
@Index({
  name: 'program_district_search_index',
  properties: ['districtCode', 'status', 'startsOn', 'id', 'titleFolded', 'titleEnFolded'],
})
@Index({ properties: ['dongCode', 'status', 'startsOn', 'id'] })
@Index({ properties: ['center', 'status', 'startsOn', 'id'] })
@Index({ properties: ['hostType', 'hostId', 'status', 'startsOn', 'id'] })
@Index({ properties: ['modified', 'id'] })
// certified / certifiedInYear filters: few programs are certified, so the index finds them without a scan.
@Index({ properties: ['certifiedYear', 'status', 'startsOn', 'id'] })
// The bounding-box prefilter of searchPrograms(near:).
@Index({ properties: ['lat', 'lng'] })
export class Program {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  title!: string;

  @Field(() => String, { nullable: true, description: 'The title in English, where the host gave one.' })
  @Property({ nullable: true })
  titleEn!: string | null;

  /**
   * lower(title) and lower(titleEn), kept by the database itself: text search
   * compares these, so no row is lowered per query (lower() of Korean text
   * costs ~3 µs a row on PostgreSQL) and the search indexes can hold them.
   */
  @Property({ length: 255, nullable: true, generated: '(lower(title)) stored', lazy: true })
  titleFolded?: string | null;

  @Property({ length: 255, nullable: true, generated: '(lower(title_en)) stored', lazy: true })
  titleEnFolded?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => ProgramTrack)
  @Enum({ items: () => ProgramTrack, index: true })
  track!: ProgramTrack;

  @ManyToOne('LifelongEducationField', { ref: true, index: true })
  field!: Ref<LifelongEducationField>;

  // No index of its own: (center, status, startsOn, id) below serves every lookup by center.
  @ManyToOne('LearningCenter', { ref: true, index: false })
  center!: Ref<LearningCenter>;

  /** The center's district and dong, copied so filters need no join. */
  @Property({ length: 5 })
  districtCode!: string;

  @Property({ length: 10 })
  dongCode!: string;

  /** The center's point, copied so distance searches need no join. */
  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  /** The host is stored as (typename, id); its owning subgraph resolves the rest. */
  @Enum({ items: [...INSTITUTION_TYPENAMES] })
  hostType!: InstitutionTypename;

  @Property({ length: 32 })
  hostId!: string;

  @Enum({ items: [...VENUE_TYPENAMES], nullable: true })
  venueType!: VenueTypename | null;

  @Property({ length: 32, nullable: true })
  venueId!: string | null;

  @Field(() => DateScalar)
  @Property({ length: 10 })
  startsOn!: string;

  @Field(() => DateScalar)
  @Property({ length: 10 })
  endsOn!: string;

  @Field(() => Int)
  @Property()
  capacity!: number;

  /** Confirmed enrollments, kept in step with the enrollments so seatsLeft needs no count. */
  @Property({ default: 0 })
  confirmedCount!: number;

  /** For filters only (`hasSeatsLeft`); GraphQL computes seatsLeft from the loaded columns. */
  // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- a FormulaTable prints as its alias
  @Formula((table) => `${table}.capacity - ${table}.confirmed_count`, { lazy: true })
  seatsLeft?: number;

  @Field(() => Int, { description: 'Fee in won; 0 for free programs.' })
  @Property()
  feeKrw!: number;

  @Field(() => ProgramStatus)
  @Enum({ items: () => ProgramStatus })
  status!: ProgramStatus;

  @Field(() => Int, { description: 'Grows with every change; updates must send the version they read.' })
  @Property({ version: true })
  version!: number;

  /**
   * When it was first published; null while it was never public. A draft archived by its host keeps null,
   * so it stays as private as the draft was (program.access.ts) and never reaches the feed.
   */
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was first published; null for a program that was never public.',
  })
  @Property({ length: 32, nullable: true })
  publishedAt!: string | null;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  createdAt!: string;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  updatedAt!: string;

  /** The year the city certified it as excellent; null while it is not certified. */
  @Property({ type: 'integer', nullable: true })
  certifiedYear!: number | null;

  @Property({ length: 32, nullable: true })
  certifiedAt!: string | null;

  @Field(() => ProgramCertification, {
    nullable: true,
    description:
      "The city's excellence certification (서울시 우수 평생교육 프로그램 인증) and its year; null for a program that is not certified.",
  })
  get certification(): ProgramCertification | null {
    if (this.certifiedYear == null || this.certifiedAt == null) return null;
    return Object.assign(new ProgramCertification(), { year: this.certifiedYear, certifiedAt: this.certifiedAt });
  }

  /**
   * The open-data feed's change number (/feeds/programs pages by (modified, id)):
   * every program write sets it above all earlier ones (program-modified.ts);
   * seat counts do not change it.
   */
  @Property({ type: new BigIntType('number'), default: 0 })
  modified!: number;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
