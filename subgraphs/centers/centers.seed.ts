import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { spaceData } from '../../seed/entity-rows';
import type { EnrollmentRow, ProgramRow } from '../../seed/network.types';
import { CenterSpace } from './places/center-space.entity';
import { CitySupport } from './network/city-support.entity';
import { CooperationAgreement } from './network/cooperation-agreement.entity';
import { SupportRequest } from './network/support-request.entity';
import { CounselingSession } from './network/counseling-session.entity';
import { learnerKeyOf } from './network/counseling';
import { District } from './places/district.entity';
import { Dong } from './places/dong.entity';
import { Enrollment } from './programs/enrollment.entity';
import { LifelongLearningExpert } from './network/expert.entity';
import { LearningCenter, LearningCenterKind } from './places/learning-center.entity';
import { LearningCommunity } from './network/learning-community.entity';
import { LifelongEducationField } from './programs/lifelong-education-field.entity';
import { Partnership, type PartnershipStatus } from './network/partnership.entity';
import { DiscoveredResource } from './network/discovered-resource.entity';
import { Program } from './programs/program.entity';
import { ProgramSession } from './programs/program-session.entity';
import type { SeedSettings } from '../../lib/config';
import { buildNetwork } from '../../seed/network';
import type { SourceCode } from '../../lib/subgraph/provenance';

/** Who seeded proposals, decisions and discovered resources were made by: no account. */
const SEED_ACTOR = 'seed';

/** Rows per INSERT: well under SQLite's 32766 bound parameters at ~20 columns. */
const CHUNK = 1000;

function* chunks<T>(rows: Iterable<T>, size = CHUNK): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Inserts the rows, each labelled with its `source` when the entity is a record (lib/subgraph/provenance.ts). */
async function insertAll<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Iterable<object>,
  source?: SourceCode,
): Promise<void> {
  for (const chunk of chunks(rows))
    await em.insertMany(entity, chunk.map((row) => (source ? { ...row, source } : row)) as RequiredEntityData<T>[]);
}

export async function seedCenters(em: EntityManager, settings: SeedSettings): Promise<void> {
  const network = buildNetwork(settings);
  await insertAll(
    em,
    District,
    network.districts.map(({ code, nameKo, nameEn, lat, lng, areaKm2 }) => ({
      code,
      nameKo,
      nameEn,
      lat,
      lng,
      areaKm2,
    })),
    'ADMDONG_2021',
  );
  await insertAll(
    em,
    Dong,
    network.dongs.map(({ code, nameKo, nameEn, districtCode, lat, lng, areaKm2 }) => ({
      code,
      nameKo,
      nameEn,
      district: districtCode,
      lat,
      lng,
      areaKm2,
    })),
    'ADMDONG_2021',
  );
  await insertAll(
    em,
    LifelongEducationField,
    network.fields.map(({ code, parentCode, nameKo, nameEn }) => ({
      code,
      parent: parentCode,
      nameKo,
      nameEn,
    })),
    'NILE_FIELDS_2009',
  );
  await insertAll(
    em,
    LearningCenter,
    network.learningCenters.map((center) => ({
      id: center.id,
      name: center.name,
      dong: center.dongCode,
      district: center.districtCode,
      lat: center.lat,
      lng: center.lng,
      venueType: center.venue?.typename ?? null,
      venueId: center.venue?.id ?? null,
      openedOn: center.openedOn,
      kind: center.kind as LearningCenterKind,
      address: center.address,
      phone: center.phone,
      openingHours: center.openingHours,
      accessibilityNotes: center.accessibilityNotes,
    })),
    'GENERATED',
  );
  await insertAll(
    em,
    CenterSpace,
    network.centerSpaces.map((space) => spaceData(space, 'center')),
  );
  await insertAll(
    em,
    LifelongLearningExpert,
    network.experts.map(({ id, name, districtCode, centerId, duties }) => ({
      id,
      name,
      district: districtCode,
      center: centerId,
      duties,
    })),
    'GENERATED',
  );
  await insertAll(
    em,
    CitySupport,
    network.citySupport.map(({ districtCode, ...support }) => ({ ...support, district: districtCode })),
    'GENERATED',
  );
  await insertAll(em, CooperationAgreement, network.cooperationAgreements, 'GENERATED');
  await insertAll(
    em,
    SupportRequest,
    network.supportRequests.map(({ districtCode, citySupportId, ...request }) => ({
      ...request,
      district: districtCode,
      citySupport: citySupportId,
    })),
    'GENERATED',
  );
  await insertAll(
    em,
    CounselingSession,
    network.counselingSessions.map(({ centerId, learnerRef, expertId, ...session }) => ({
      ...session,
      center: centerId,
      learnerKey: learnerKeyOf(session.districtCode, learnerRef),
      expert: expertId,
    })),
    'GENERATED',
  );
  await insertAll(
    em,
    LearningCommunity,
    network.communities.map(({ centerId, ...community }) => ({ ...community, center: centerId })),
    'GENERATED',
  );

  const centers = new Map(network.learningCenters.map((center) => [center.id, center]));
  const centerOf = (id: string) => {
    const center = centers.get(id);
    if (!center) throw new Error(`seed refers to unknown learning center ${id}`);
    return center;
  };
  await insertAll(
    em,
    Partnership,
    network.partnerships.map(({ id, centerId, partner, kind, since, active, status, proposal, decision }) => ({
      id,
      center: centerId,
      districtCode: centerOf(centerId).districtCode,
      partnerType: partner.typename,
      partnerId: partner.id,
      kind,
      since,
      active,
      status: status as PartnershipStatus,
      // Seeded proposals and decisions were made by no account: their actor is "seed".
      proposedBy: proposal ? SEED_ACTOR : null,
      proposedAt: proposal?.proposedAt ?? null,
      proposalNote: proposal?.note ?? null,
      decidedBy: decision ? SEED_ACTOR : null,
      decidedAt: decision?.decidedAt ?? null,
      declineReason: decision?.declineReason ?? null,
    })),
    'GENERATED',
  );
  await insertAll(
    em,
    DiscoveredResource,
    network.discoveredResources.map(({ dongCode, institution, expertId: _expert, ...resource }) => ({
      ...resource,
      dong: dongCode,
      institutionType: institution?.typename ?? null,
      institutionId: institution?.id ?? null,
      recordedBy: SEED_ACTOR,
      archivedAt: null,
    })),
    'GENERATED',
  );

  // Programs and enrollments both stream in program order: each chunk of programs takes the
  // enrollments of its programs along, so confirmedCount is known before the programs are written.
  const enrollments = network.enrollments()[Symbol.iterator]();
  let next = enrollments.next();
  for (const programs of chunks(network.programs())) {
    const ids = new Set(programs.map((program) => program.id));
    const taken: EnrollmentRow[] = [];
    const confirmed = new Map<string, number>();
    for (; !next.done && ids.has(next.value.programId); next = enrollments.next()) {
      taken.push(next.value);
      if (next.value.status === 'CONFIRMED')
        confirmed.set(next.value.programId, (confirmed.get(next.value.programId) ?? 0) + 1);
    }
    await em.insertMany(
      Program,
      programs.map((program) => programData(program, centerOf(program.centerId), confirmed.get(program.id) ?? 0)),
    );
    await insertAll(
      em,
      ProgramSession,
      programs.flatMap(({ id, sessions }) =>
        sessions.map((session, i) => ({ program: id, position: i + 1, ...session })),
      ),
    );
    await insertAll(
      em,
      Enrollment,
      taken.map(({ programId, ...enrollment }) => ({ ...enrollment, program: programId })),
      'GENERATED',
    );
  }
  if (!next.done) throw new Error(`enrollment ${next.value.id} is out of program order or refers to no program`);
}

function programData(
  program: ProgramRow,
  center: { districtCode: string; dongCode: string; lat: number; lng: number },
  confirmedCount: number,
): RequiredEntityData<Program> {
  return {
    id: program.id,
    title: program.title,
    titleEn: program.titleEn,
    description: program.description,
    track: program.track,
    field: program.fieldCode,
    center: program.centerId,
    districtCode: center.districtCode,
    dongCode: center.dongCode,
    lat: center.lat,
    lng: center.lng,
    hostType: program.host.typename,
    hostId: program.host.id,
    venueType: program.venue?.typename ?? null,
    venueId: program.venue?.id ?? null,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    capacity: program.capacity,
    confirmedCount,
    feeKrw: program.feeKrw,
    status: program.status,
    certifiedYear: program.certifiedYear,
    // Certified when it was made (and published): seed/generate/programs.ts.
    certifiedAt: program.certifiedYear == null ? null : program.createdAt,
    // Generated programs that are not drafts were published when created.
    publishedAt: program.status === 'DRAFT' ? null : program.createdAt,
    version: 1,
    createdAt: program.createdAt,
    updatedAt: program.createdAt,
    source: 'GENERATED',
    modified: Date.parse(program.createdAt), // the feed's change number: later writes go above it (programs/program-modified.ts)
  } as RequiredEntityData<Program>;
}
