/**
 * A city that starts with its real institutions only (SEED_MODE=real-only, `npm run seed -- --real-only`): a whole
 * hub of its own on fresh databases starts, answers through the gateway, and holds no generated record.
 */
import { launchStack, type RunningStack } from '../../scripts/stack';
import { dropDatabases, postgresUrlWithSuffix, tracedHubEnv } from '../support/processes';
import { graphql } from '../support/stack';

let stack: RunningStack | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = await tracedHubEnv(process.env.DATABASE_URL && postgresUrlWithSuffix(process.env.DATABASE_URL, 'realonly'), {
    SEED_MODE: 'real-only',
  });
  stack = await launchStack({ env });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (env?.DATABASE_URL) dropDatabases(env);
});

describe('a hub seeded with the real registries only', () => {
  it('answers with the real districts, schools, libraries and cultural centers, each from its registry', async () => {
    const { data, errors } = await graphql(
      stack!.gatewayUrl,
      `
        {
          districts {
            code
            provenance {
              origin
              dataset
            }
          }
          schools(first: 1) {
            totalCount
            edges {
              node {
                provenance {
                  origin
                  dataset
                }
              }
            }
          }
          libraries(first: 1) {
            totalCount
            edges {
              node {
                provenance {
                  origin
                  dataset
                }
              }
            }
          }
          culturalCenters(first: 1) {
            totalCount
            edges {
              node {
                provenance {
                  origin
                  dataset
                }
              }
            }
          }
          educationOffices {
            provenance {
              origin
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.districts).toHaveLength(25);
    expect(new Set(data!.districts.map((d: any) => JSON.stringify(d.provenance)))).toEqual(
      new Set([JSON.stringify({ origin: 'PUBLIC_REGISTRY', dataset: 'ADMDONG_2021' })]),
    );
    expect(data!.schools.totalCount).toBe(1313);
    for (const [list, dataset] of [
      ['schools', 'SCHOOLS_2026'],
      ['libraries', 'SEOUL_LIBRARIES'],
      ['culturalCenters', 'SEOUL_CULTURAL_SPACES'],
    ])
      expect(data![list].edges[0].node.provenance).toEqual({ origin: 'PUBLIC_REGISTRY', dataset });
    expect(data!.educationOffices.every((office: any) => office.provenance.origin === 'PUBLIC_REGISTRY')).toBe(true);
  });

  it('holds no generated center, program, provider or partnership, and its feeds are empty', async () => {
    const { data, errors } = await graphql(
      stack!.gatewayUrl,
      `
        {
          learningCenters(first: 1) {
            totalCount
          }
          programs(first: 1) {
            totalCount
          }
          civilProviders(first: 1) {
            totalCount
          }
          partnerships(first: 1) {
            totalCount
          }
          coverage {
            dongCount
            dongsWithCenter
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      learningCenters: { totalCount: 0 },
      programs: { totalCount: 0 },
      civilProviders: { totalCount: 0 },
      partnerships: { totalCount: 0 },
      coverage: { dongsWithCenter: 0 },
    });
    expect(data!.coverage.dongCount).toBeGreaterThan(400);
    for (const feed of ['/feeds/programs', '/feeds/notices']) {
      const page = (await (await fetch(new URL(feed, stack!.gatewayUrl))).json()) as { items: unknown[] };
      expect([feed, page.items]).toEqual([feed, []]);
    }
  });
});
