/**
 * How every mutation runs: one `input`, a payload with the changed object and
 * `userErrors { field message code }`. Expected failures (bad input, not
 * allowed, stale version, full program) are user errors, not exceptions; the
 * work runs in one transaction, so a failure changes nothing; an optional
 * idempotency key makes a retry return the first result instead of repeating it.
 */
import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type FindOneOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Directive, Field, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { Identity, Role } from './auth';
import type { SubgraphContext } from './context';
import { checkDeadline } from './deadline';
import { IdempotencyRecord } from './idempotency-record.entity';

export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  STALE_VERSION = 'STALE_VERSION',
  PROGRAM_NOT_OPEN = 'PROGRAM_NOT_OPEN',
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  CONFLICT = 'CONFLICT',
  /** A service the write must consult (another subgraph) could not be reached; nothing changed; retry later. */
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused.',
  valuesConfig: { UNAVAILABLE: { description: 'A service the write must consult could not be reached; nothing changed; try again later.' } },
});

@Directive('@shareable')
@ObjectType({ description: 'An expected reason a mutation changed nothing.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "title"].' })
  field!: string[] | null;

  @Field()
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}

export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return Object.assign(new UserError(), { code, message, field });
}

/** Thrown inside a mutation to stop it (and roll back) with these user errors. */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export function fail(code: UserErrorCode, message: string, field: string[] | null = null): never {
  throw new UserErrors([userError(code, message, field)]);
}

/** Collects every problem of an input, so the client hears all of them at once. */
export class InputCheck {
  private readonly problems: UserError[] = [];

  /** Records `message` against `field` unless `ok`. */
  expect(ok: boolean, field: string, message: string): this {
    if (!ok) this.problems.push(userError(UserErrorCode.INVALID_INPUT, message, ['input', ...field.split('.')]));
    return this;
  }

  text(value: string | null | undefined, field: string, { min = 1, max }: { min?: number; max: number }): this {
    if (value === undefined || value === null) return this;
    const length = [...value.trim()].length;
    return this.expect(length >= min && length <= max, field, `${field} must be ${min} to ${max} characters`);
  }

  done(): void {
    if (this.problems.length > 0) throw new UserErrors(this.problems);
  }
}

export interface Payload<T> {
  userErrors: UserError[];
  result: T | null;
}

/** Declares `<Name>Payload { <field>: <Node> userErrors: [UserError!]! }`. */
export function PayloadType<T extends object>(nodeType: ClassType<T>, field: string, name = nodeType.name) {
  @ObjectType(`${name}Payload`)
  class PayloadClass {
    @Field(() => [UserError])
    userErrors!: UserError[];
  }
  Field(() => nodeType, { nullable: true, description: `The ${field} as it is after the mutation; null when it changed nothing.` })(PayloadClass.prototype, field);
  return PayloadClass as ClassType<Record<string, unknown> & { userErrors: UserError[] }>;
}

/** Turns a mutation result into its payload object: `{ program, userErrors }`. */
export function toPayload<T>(field: string, outcome: Payload<T>): Record<string, unknown> & { userErrors: UserError[] } {
  return { [field]: outcome.result, userErrors: outcome.userErrors };
}

/** Row lock for read-modify-write on PostgreSQL; SQLite serialises writers by itself. */
export function forUpdate(em: EntityManager): Pick<FindOneOptions<object>, 'lockMode'> {
  return em.getDriver().constructor.name === 'PostgreSqlDriver' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}

export interface MutationOptions<T> {
  /** Scopes idempotency keys, e.g. "enroll". */
  operation: string;
  idempotencyKey?: string | null;
  /** The id stored for a keyed run, and how to load it again for a retry. */
  idOf?: (result: T) => string;
  reload?: (em: EntityManager, id: string) => Promise<T | null>;
}

export async function runMutation<T>(ctx: SubgraphContext, options: MutationOptions<T>, work: (em: EntityManager) => Promise<T>): Promise<Payload<T>> {
  const key = options.idempotencyKey?.trim();
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    return { result: null, userErrors: [userError(UserErrorCode.INVALID_INPUT, 'idempotencyKey must be 1 to 200 characters', ['input', 'idempotencyKey'])] };
  }
  const recordKey = key ? `${options.operation}:${ctx.identity?.subject ?? 'anonymous'}:${key}` : null;
  const replay = async (): Promise<Payload<T> | null> => {
    if (!recordKey || !options.reload) return null;
    const record = await ctx.em.fork().findOne(IdempotencyRecord, { key: recordKey });
    return record ? { result: await options.reload(ctx.em.fork(), record.resultId), userErrors: [] } : null;
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const result = await ctx.em.transactional(async (em) => {
      const value = await work(em);
      await em.flush();
      if (recordKey && options.idOf) em.create(IdempotencyRecord, { key: recordKey, resultId: options.idOf(value), createdAt: new Date().toISOString() });
      // The gateway stopped waiting: roll back rather than commit a write whose outcome nobody hears of (lib/deadline.ts).
      checkDeadline(ctx.deadline);
      return value;
    });
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrors) return { result: null, userErrors: error.errors };
    if (error instanceof OptimisticLockError) {
      return { result: null, userErrors: [userError(UserErrorCode.STALE_VERSION, 'It was changed meanwhile: load the current version and try again.', ['input', 'version'])] };
    }
    if (error instanceof UniqueConstraintViolationException) {
      // A concurrent retry with the same key committed first: answer as it did.
      const concurrent = await replay();
      if (concurrent) return concurrent;
      return { result: null, userErrors: [userError(UserErrorCode.CONFLICT, 'It conflicts with something that exists already.')] };
    }
    throw error;
  }
}

/** The caller, or an UNAUTHENTICATED user error; FORBIDDEN unless the role is one of `roles`. */
export function requireRole(identity: Identity | null, roles: Role[]): Identity {
  if (!identity) fail(UserErrorCode.UNAUTHENTICATED, 'Sign in first: this needs a bearer token.');
  if (!roles.includes(identity.role)) fail(UserErrorCode.FORBIDDEN, `A ${identity.role} may not do this (allowed: ${roles.join(', ')}).`);
  return identity;
}
