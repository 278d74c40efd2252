/**
 * `npm run build` gives services that start and serve from dist/ alone, as the production image runs them: built
 * to a temporary directory that holds only dist/ and node_modules/ (no sources, no schema/ beside it), each
 * service started with `node dist/.../main.js` there, in development mode, queried through the gateway.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/ports';
import { launchStack, type RunningStack } from '../../scripts/stack';
import { graphql } from '../support/stack';
import {
  MODULE_TRACE,
  ROOT,
  dropDatabases,
  postgresUrlWithSuffix,
  tracedHubEnv,
  tracedModules,
} from '../support/processes';

const app = mkdtempSync(join(tmpdir(), 'baeumteo-build-'));
let stack: RunningStack | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--out-dir', join(app, 'dist')], {
    stdio: 'pipe',
  });
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  env = await tracedHubEnv(process.env.DATABASE_URL && postgresUrlWithSuffix(process.env.DATABASE_URL, 'build'), {
    NODE_ENV: 'development',
    PORT_UNUSED: String(await freePort()),
  });
  stack = await launchStack({
    env,
    command: (service) => ({
      args: [
        '--require',
        MODULE_TRACE,
        service === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${service}/main.js`,
      ],
      cwd: app,
    }),
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (env?.DATABASE_URL) dropDatabases(env);
  rmSync(app, { recursive: true, force: true });
});

describe('the compiled services', () => {
  it('hold no TypeScript: every entry point is JavaScript', () => {
    expect(existsSync(join(app, 'dist', 'gateway', 'main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist', 'gateway', 'main.ts'))).toBe(false);
    expect(existsSync(join(app, 'dist', 'schema', 'supergraph.graphql'))).toBe(true);
  });

  it('answer a query that crosses the subgraphs (type-graphql and MikroORM found their decorator metadata)', async () => {
    const { data, errors } = await graphql(
      stack!.gatewayUrl,
      `
        {
          dong(code: "1168064000") {
            district {
              nameEn
              educationOffice {
                nameEn
              }
              civilProviders(first: 1) {
                totalCount
              }
            }
            learningCenters {
              programs(first: 2) {
                totalCount
                edges {
                  node {
                    title
                    host {
                      __typename
                    }
                  }
                }
              }
            }
            schools {
              name
            }
            libraries {
              name
            }
            culturalCenters {
              name
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.dong.district.nameEn).toBe('Gangnam-gu');
    expect(data!.dong.district.educationOffice.nameEn).toBe('Gangnam-Seocho District Office of Education');
    expect(data!.dong.district.civilProviders.totalCount).toBeGreaterThan(0);
    expect(data!.dong.schools.length).toBeGreaterThan(0);
    expect(data!.dong.learningCenters[0].programs.totalCount).toBeGreaterThan(0);
  });

  it('serve the pages with their own files, the shipped map data and the browser bundles from node_modules', async () => {
    const base = new URL('/', stack!.gatewayUrl);
    for (const path of [
      '/network',
      '/assets/explorer.js',
      '/assets/geo/seoul_gu.geojson',
      '/assets/vendor/graphiql.min.js',
    ]) {
      const response = await fetch(new URL(path, base));
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('report their health to the image HEALTHCHECK, and a service that does not answer as unhealthy', () => {
    const healthcheck = (service: string, extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['dist/lib/healthcheck.js', service], {
        cwd: app,
        env: { ...env, ...extra },
        encoding: 'utf8',
      });
    expect(healthcheck('gateway').status).toBe(0);
    expect(healthcheck('cultural-centers').status).toBe(0);
    const down = healthcheck('libraries', { LIBRARIES_PORT: env.PORT_UNUSED! });
    expect({ status: down.status, stderr: down.stderr }).toEqual({
      status: 1,
      stderr: expect.stringContaining('unhealthy: fetch failed'),
    });
  });

  it('load no compiler and nothing from the sources: only dist/ and node_modules/', async () => {
    await stack!.stop();
    stack = undefined;
    const traces = tracedModules(env);
    expect(traces).toHaveLength(6);
    for (const modules of traces) {
      expect(modules.filter((file) => /[\\/](@swc|typescript)[\\/]|register\.js$/.test(file))).toEqual([]);
      expect(
        modules.filter(
          (file) => !file.startsWith(join(app, 'dist')) && !file.includes('/node_modules/') && file !== MODULE_TRACE,
        ),
      ).toEqual([]);
    }
  });
});
