/**
 * The seats of a program: confirmed enrollments up to its capacity, then a
 * waitlist numbered 1..n in the order people arrived. Every write that touches
 * them first locks the program row (lockProgram), so what is counted here
 * stays true until the transaction commits, on SQLite and PostgreSQL alike.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { forUpdate } from '../../../lib/subgraph/mutation';
import { Enrollment, EnrollmentStatus } from './enrollment.entity';
import { Program } from './program.entity';

/** The program, read fresh under a row lock (PostgreSQL; SQLite serialises writers by itself). */
export function lockProgram(em: EntityManager, id: string): Promise<Program | null> {
  return em.findOne(Program, id, { ...forUpdate(em), refresh: true });
}

/**
 * Stores a new confirmed count without bumping the program's version: a seat
 * taken is not an edit, and must not turn the host's next update stale.
 */
export async function storeConfirmedCount(em: EntityManager, program: Program, confirmedCount: number): Promise<void> {
  // Naming the version keeps it as it is (MikroORM bumps it on every other update).
  await em.nativeUpdate(Program, { id: program.id }, { confirmedCount, version: program.version });
  await em.refresh(program);
}

export async function waitlistLength(em: EntityManager, program: Program): Promise<number> {
  return em.count(Enrollment, { program: program.id, status: EnrollmentStatus.WAITLISTED });
}

/**
 * Confirms the first in line while seats are free (after a cancellation or a
 * larger capacity) and numbers the rest of the line 1..n again.
 * `confirmedCount` is the count after the caller's own change.
 */
export async function settleSeats(
  em: EntityManager,
  program: Program,
  confirmedCount = program.confirmedCount,
): Promise<void> {
  const line = await em.find(
    Enrollment,
    { program: program.id, status: EnrollmentStatus.WAITLISTED },
    { orderBy: [{ waitlistPosition: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], refresh: true },
  );
  let confirmed = confirmedCount;
  let position = 0;
  for (const enrollment of line) {
    if (confirmed < program.capacity) {
      enrollment.status = EnrollmentStatus.CONFIRMED;
      enrollment.waitlistPosition = null;
      confirmed += 1;
    } else {
      enrollment.waitlistPosition = ++position;
    }
  }
  if (confirmed !== program.confirmedCount) await storeConfirmedCount(em, program, confirmed);
}
