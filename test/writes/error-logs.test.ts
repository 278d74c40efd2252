/**
 * Unexpected errors are logged without personal data: a database error's
 * statement carries the values it wrote (here a resident id), and neither the
 * log line nor the answer may repeat them. A test-only trigger makes the
 * database refuse one resident's enrollment; a centers subgraph process of its
 * own (on a copy of the stack's database on SQLite), behind a gateway of this
 * test, is the one whose output lines are read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningGateway } from '../../gateway/gateway';
import { Role } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import { openDatabase, type Orm } from '../../lib/subgraph/orm';
import { entitiesOf } from '../../lib/subgraph/subgraph-server';
import { loadSubgraph } from '../../subgraphs/registry';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { eventually } from '../support/eventually';
import { startTestGateway } from '../support/gateway';
import { RUN } from '../support/names';
import { copySqliteDatabases, stackServiceEnv, startStackProcess, type StackProcess } from '../support/processes';
import { centerProgramInput, graphql, SUB_AREA, testStack, tokenFor } from '../support/stack';

const RESIDENT = `R-private-${RUN}`;
const TRIGGER = `refuse_${RUN.replace(/-/g, '')}`;

let orm: Orm;
let centers: StackProcess;
let gateway: RunningGateway;
const postgres = () => Boolean(testStack().env.DATABASE_URL);

/** Makes the database refuse RESIDENT's enrollments, as an unexpected failure would. */
async function addTrigger(): Promise<void> {
  const connection = orm.em.getConnection();
  if (!postgres()) {
    await connection.execute(`create trigger ${TRIGGER} before insert on enrollment when new.resident_id = '${RESIDENT}'
      begin select raise(abort, 'refused by the log test'); end`);
    return;
  }
  await connection.execute(`create function ${TRIGGER}() returns trigger language plpgsql as $$
    begin if new.resident_id = '${RESIDENT}' then raise exception 'refused by the log test'; end if; return new; end $$`);
  await connection.execute(
    `create trigger ${TRIGGER} before insert on enrollment for each row execute function ${TRIGGER}()`,
  );
}

async function dropTrigger(): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.execute(
    postgres() ? `drop trigger if exists ${TRIGGER} on enrollment` : `drop trigger if exists ${TRIGGER}`,
  );
  if (postgres()) await connection.execute(`drop function if exists ${TRIGGER}()`);
}

async function waitForLine(pattern: RegExp): Promise<string> {
  const found = () => centers.output.find((line) => pattern.test(line));
  await eventually(() => found() !== undefined, `an output line matching ${pattern}`, 10_000);
  return found()!;
}

/** On SQLite (one process per database) the process gets a copy of the stack's centers database; PostgreSQL is shared. */
let ownDatabase: { DATA_DIR?: string } = {};

beforeAll(async () => {
  if (!postgres()) {
    ownDatabase = { DATA_DIR: mkdtempSync(join(tmpdir(), 'baeumteo-error-logs-')) };
    copySqliteDatabases(testStack().env.DATA_DIR, ownDatabase.DATA_DIR!, ['centers']);
  }
  orm = await openDatabase(entitiesOf(loadSubgraph('centers')), loadConfig({ ...testStack().env, ...ownDatabase }));
  // A centers subgraph process on the test stack's database, its output lines collected.
  centers = await startStackProcess('centers', await stackServiceEnv('centers', ownDatabase), 60_000);
  gateway = await startTestGateway({ CENTERS_URL: centers.url });
  await addTrigger();
}, 90_000);

afterAll(async () => {
  await dropTrigger().catch(() => undefined);
  await gateway?.stop();
  await centers?.stop();
  await orm?.close(true);
});

describe('an unexpected database error', () => {
  it("is logged with the driver's complaint, without the statement's values, and answered without them", async () => {
    const center = await orm.em.fork().findOneOrFail(LearningCenter, { district: '11620' }, { orderBy: { id: 'asc' } });
    const admin = await tokenFor({ sub: 'test-city-admin', role: Role.CITY_ADMIN });
    const mutation = (name: string, type: string, fields: string) =>
      `mutation($input: ${type}!) { ${name}(input: $input) { ${fields} userErrors { code } } }`;
    const created = await graphql(
      gateway.url,
      mutation('createProgram', 'CreateProgramInput', 'program { id }'),
      { input: centerProgramInput(center.id, SUB_AREA, `Log test ${RUN}`) },
      {},
      { token: admin },
    );
    const programId = created.data!.createProgram.program.id as string;
    await graphql(
      gateway.url,
      mutation('publishProgram', 'ProgramIdInput', 'program { id }'),
      { input: { id: programId } },
      {},
      { token: admin },
    );

    const { data, errors } = await graphql(
      gateway.url,
      mutation('enroll', 'EnrollInput', 'enrollment { id }'),
      { input: { programId } },
      {},
      {
        token: await tokenFor({ sub: RESIDENT, role: Role.RESIDENT }),
      },
    );
    expect(data?.enroll ?? null).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }),
    ]);
    expect(JSON.stringify(errors)).not.toContain(RESIDENT);
    expect(JSON.stringify(errors)).not.toContain(programId);

    const line = await waitForLine(/"msg":"graphql error"/);
    expect(JSON.parse(line)).toMatchObject({
      level: 'error',
      code: 'INTERNAL_SERVER_ERROR',
      cause: expect.stringContaining('refused by the log test'),
    });
    const everything = centers.output.join('\n');
    expect(everything).not.toContain(RESIDENT);
    expect(everything).not.toContain(programId);
    expect(everything).not.toMatch(/insert into/i);
  });

  it('on a read is answered and logged without the statement or the id it looked for', async () => {
    const marker = `LC-unreadable-${RUN}`;
    const connection = orm.em.getConnection();
    // The table gone for a moment: every read of a learning center fails in the database.
    await connection.execute('alter table learning_center rename to learning_center_away');
    try {
      const { data, errors } = await graphql(gateway.url, 'query($id: ID!) { learningCenter(id: $id) { name } }', {
        id: marker,
      });
      expect(data?.learningCenter ?? null).toBeNull();
      expect(errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^Unexpected error/),
          extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }),
        }),
      ]);
      expect(JSON.stringify(errors)).not.toContain(marker);
      await waitForLine(/^(?=.*"msg":"graphql error")(?=.*"learningCenter")/);
      const everything = centers.output.join('\n');
      expect(everything).not.toContain(marker);
      expect(everything).not.toMatch(/select .* from/i);
    } finally {
      await connection.execute('alter table learning_center_away rename to learning_center');
    }
  });
});
