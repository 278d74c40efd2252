/**
 * Where a record comes from: a public registry (one of DATASETS), the demonstration generator, or a user who
 * published it through this API. Every record type carries it as `provenance`, stored as one short `source` column
 * (a dataset id, 'GENERATED' or 'PUBLISHED'), so real registries and made-up demonstration data are never confused.
 *
 * A record type gets it with one member (see CONTRIBUTING.md, "Recipe: give a record type its provenance"):
 *
 *     @ProvenanceColumn()
 *     source: SourceColumn = 'PUBLISHED';
 *
 * The initializer and the column's default make every write through the API PUBLISHED without a word in the
 * mutation; the seeds name their source on every row, and seedDatabase (lib/subgraph/subgraph-server.ts) refuses a
 * seed that left a row PUBLISHED.
 */
import { Property, type Opt } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ColumnBackfill } from './orm';
import { DateScalar } from './scalars';

export enum ProvenanceOrigin {
  PUBLIC_REGISTRY = 'PUBLIC_REGISTRY',
  GENERATED = 'GENERATED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(ProvenanceOrigin, {
  name: 'ProvenanceOrigin',
  description: 'Where a record comes from.',
  valuesConfig: {
    PUBLIC_REGISTRY: { description: 'A public registry: `source`, `sourceDate` and `licence` name the dataset.' },
    GENERATED: {
      description:
        'Made up by the demonstration seed (seed/generate): not a fact about any real person, organisation or place.',
    },
    PUBLISHED: { description: 'Entered through this API by the user who published it (a partner, an officer, ...).' },
  },
});

interface Dataset {
  /** The dataset's name and publisher, as a reader should cite them. */
  source: string;
  /** The dataset's reference date (데이터기준일자), when the publisher states one. */
  sourceDate: string | null;
  /** A licence the data may be passed on under; null while it is not confirmed (then it is not re-licensable). */
  licence: string | null;
}

/** The public datasets the real registries are loaded from (seed/data/SOURCES.md says how each file was made). */
export const DATASETS = {
  ADMDONG_2021: {
    source:
      'Administrative dong boundaries of Statistics Korea SGIS (KOGL Type 1), processed by vuski/admdongkor ver20210401, with the later changes of its change log; gu codes and names from southkorea/seoul-maps',
    sourceDate: '2021-04-01',
    licence:
      'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): 통계청 SGIS에서 공공누리 제1유형으로 개방한 행정동 경계를 가공한 것 (가공: vuski/admdongkor)',
  },
  SEOUL_EDUCATION_OFFICES: {
    source:
      'The Seoul Metropolitan Office of Education (서울특별시교육청) and its 11 district education support offices, as listed in 전국초중등학교위치표준데이터 and press reports (compiled for Baeumteo)',
    sourceDate: '2026-03-20',
    licence: null,
  },
  SCHOOLS_2026: {
    source: '전국초중등학교위치표준데이터 (data.go.kr 15021148), 한국교육시설안전원',
    sourceDate: '2026-03-20',
    licence: null,
  },
  SEOUL_LIBRARIES: {
    source:
      '전국도서관표준데이터 (data.go.kr 15013109) merged with 서울시 공공도서관 현황정보 (Seoul Open Data Plaza, 서울특별시)',
    sourceDate: null, // per row from 2018 to 2026 in the national list; none stated in Seoul's
    licence: null,
  },
  SEOUL_CULTURAL_SPACES: {
    source: '서울시 문화공간 정보 (Seoul Open Data Plaza, 서울특별시)',
    sourceDate: null,
    licence: null,
  },
  NILE_FIELDS_2009: {
    source: '평생교육 프로그램 분류체계 (2009), 국가평생교육진흥원 (NILE); English names are Baeumteo translations',
    sourceDate: null,
    licence: null,
  },
} as const satisfies Record<string, Dataset>;

export type DatasetId = keyof typeof DATASETS;
/** What the `source` column holds. */
export type SourceCode = DatasetId | 'GENERATED' | 'PUBLISHED';
/** The property's type: optional in `em.create`, whose entity starts PUBLISHED. */
export type SourceColumn = Opt<SourceCode>;

@Directive('@shareable') // every subgraph returns it
@ObjectType({
  description:
    'Where a record comes from: a public registry (with the dataset, its date and licence), the demonstration generator, or a user of this API.',
})
export class Provenance {
  @Field(() => ProvenanceOrigin, {
    description: 'A public registry, the demonstration generator, or a user of this API.',
  })
  origin!: ProvenanceOrigin;

  @Field(() => String, {
    nullable: true,
    description: 'The registry dataset id (e.g. "SCHOOLS_2026"); null for generated and published records.',
  })
  dataset!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The dataset's name and publisher, for a registry record; null otherwise.",
  })
  source!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The dataset's reference date, when it states one." })
  sourceDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The licence a registry record may be passed on under. Null: not confirmed, so it is not re-licensable (read it here, do not republish it as open data).',
  })
  licence!: string | null;
}

const isDataset = (code: string): code is DatasetId => Object.hasOwn(DATASETS, code);

/** The provenance a stored `source` code stands for. */
export function provenanceOf(code: string): Provenance {
  if (isDataset(code)) {
    const { source, sourceDate, licence } = DATASETS[code];
    return { origin: ProvenanceOrigin.PUBLIC_REGISTRY, dataset: code, source, sourceDate, licence };
  }
  // An unknown code is a bug (a dataset dropped from DATASETS while rows still name it): never guess an origin.
  if (code !== 'GENERATED' && code !== 'PUBLISHED') throw new Error(`unknown provenance source ${code}`);
  const origin = code === 'GENERATED' ? ProvenanceOrigin.GENERATED : ProvenanceOrigin.PUBLISHED;
  return { origin, dataset: null, source: null, sourceDate: null, licence: null };
}

/** The name of the column, and of the property that holds it. */
export const SOURCE_PROPERTY = 'source';

/**
 * Declares the `source` column on the property it decorates and the `provenance` field of the GraphQL type beside
 * it. Records written through the API keep the default, PUBLISHED.
 */
export function ProvenanceColumn(): PropertyDecorator {
  return (prototype, key) => {
    if (key !== SOURCE_PROPERTY) throw new Error(`@ProvenanceColumn() belongs on a property named ${SOURCE_PROPERTY}`);
    Property({ type: 'string', length: 32, default: 'PUBLISHED' })(prototype, key);
    Object.defineProperty(prototype, 'provenance', {
      get(this: { source: string }) {
        return provenanceOf(this.source);
      },
      configurable: true,
    });
    Field(() => Provenance, {
      description:
        'Where this record comes from: a public registry dataset, the demonstration generator (GENERATED), or a user of this API (PUBLISHED).',
    })(prototype, 'provenance');
  };
}

/**
 * Labels the rows a table held before it had the column (they got PUBLISHED, the column's default): a registry
 * table's rows all come from its dataset; in a table of generated records, rows whose id the API did not make
 * (`apiIds`, a LIKE pattern such as 'PG-%': `newId`, or a room's "<owner>-R…") were seeded, so GENERATED. Listed in
 * the subgraph's `sqliteBackfills` for the SQLite upgrade; the migration that adds the column runs the same SQL.
 */
export function provenanceBackfill(table: string, existing: DatasetId | { apiIds: string }): ColumnBackfill {
  const sql =
    typeof existing === 'string'
      ? `update "${table}" set "source" = '${existing}'`
      : `update "${table}" set "source" = 'GENERATED' where "id" not like '${existing.apiIds}'`;
  return { table, column: SOURCE_PROPERTY, sql };
}

/**
 * The record tables a seed left rows PUBLISHED in: a seed labels every row it writes (a dataset or GENERATED), so
 * demonstration data can never pass for what users published.
 */
export async function tablesWithUnlabelledRows(em: EntityManager): Promise<string[]> {
  const tables: string[] = [];
  for (const meta of Object.values(em.getMetadata().getAll())) {
    if (meta.abstract || !meta.properties[SOURCE_PROPERTY] || meta.embeddable) continue;
    if ((await em.count(meta.class, { [SOURCE_PROPERTY]: 'PUBLISHED' } as never)) > 0) tables.push(meta.tableName);
  }
  return tables;
}
