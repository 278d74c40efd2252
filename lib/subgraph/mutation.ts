/**
 * How every mutation runs: one `input`, a payload with the changed object and
 * `userErrors { field message code }`. Expected failures (bad input, not
 * allowed, stale version, full program) are user errors, not exceptions; the
 * work runs in one transaction, so a failure changes nothing; an optional
 * idempotency key makes a retry return the first result instead of repeating it: only to the
 * same caller (subject, role and scope), only for the same input, only as that caller may read
 * it now, and only until the key expires (IDEMPOTENCY_KEY_TTL_HOURS).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  LockMode,
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityClass,
  type FilterQuery,
  type FindOneOptions,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import stableStringify from 'safe-stable-stringify';
import { Directive, Field, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { Identity, Role } from '../auth';
import type { SubgraphContext } from './context';
import { checkDeadline } from '../deadline';
import { IdempotencyRecord } from './idempotency-record.entity';
import { EntityLookupError } from '../entity-lookup';

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
  /** The idempotency key was used before with another input; nothing changed. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused.',
  valuesConfig: {
    UNAVAILABLE: {
      description: 'A service the write must consult could not be reached; nothing changed; try again later.',
    },
    IDEMPOTENCY_KEY_REUSED: {
      description: 'The idempotencyKey was used before with another input; nothing changed; use a new key.',
    },
  },
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

/** "PS" -> "PS-3f9a0c12b7e4": the id of a row a mutation writes; the dash keeps it apart from the seed's sequence ids (PS00001). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
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
  Field(() => nodeType, {
    nullable: true,
    description: `The ${field} as it is after the mutation; null when it changed nothing.`,
  })(PayloadClass.prototype, field);
  return PayloadClass as ClassType<Record<string, unknown> & { userErrors: UserError[] }>;
}

/** Turns a mutation result into its payload object: `{ program, userErrors }`. */
export function toPayload<T>(
  field: string,
  outcome: Payload<T>,
): Record<string, unknown> & { userErrors: UserError[] } {
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
  /** The whole input: a retry must send the same (its idempotencyKey aside). */
  input?: object;
  /** The id stored for a keyed run, and how to load it again for a retry. */
  idOf?: (result: T) => string;
  /**
   * Loads a stored result for a retry as `identity` may read it now: null when it may not (a draft it no
   * longer manages, say), so a replay never shows what the caller could not read by asking for it.
   */
  reload?: (em: EntityManager, id: string, identity: Identity | null) => Promise<T | null>;
  /**
   * The checks that need no transaction (the caller's role, the input, a question to another subgraph), run before
   * anything else, the idempotency key included: their user errors are the payload, and no transaction opens.
   */
  precheck?: () => Promise<void> | void;
}

/**
 * The options of a write a client may retry with its input's `idempotencyKey`: a retry gets back the row of `entity`
 * the first run returned, by its id, and only while `visible` (when given) lets the caller see it now.
 */
export function keyedWrite<T extends { id: string }>(
  operation: string,
  input: { idempotencyKey?: string | null },
  entity: EntityClass<T>,
  visible?: (row: T, identity: Identity | null, em: EntityManager) => boolean | Promise<boolean>,
): MutationOptions<T> {
  return {
    operation,
    idempotencyKey: input.idempotencyKey,
    input,
    idOf: (row) => row.id,
    reload: async (em, id, identity) => {
      const row = await em.findOne(entity, { id } as FilterQuery<T>);
      return row && (!visible || (await visible(row, identity, em))) ? row : null;
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Who a key belongs to: the subject acting in one role and one scope (a RESIDENT and an officer with one `sub` are two callers). */
function callerOf(identity: Identity | null): string {
  if (!identity) return 'anonymous';
  const { subject, role, district, educationOffice, institution } = identity;
  return stableStringify({
    subject,
    role,
    district,
    educationOffice,
    institution: institution && `${institution.typename}:${institution.id}`,
  })!;
}

/** Expired records deleted per keyed write: the table stays small without one write paying for a large backlog. */
const PRUNE_BATCH = 100;

/**
 * Deletes a batch of expired records (oldest expiry first, by its index) in one statement, after the write
 * committed: it holds no lock the write needs, and a failure costs the write nothing (the next write prunes).
 */
async function pruneExpired(em: EntityManager, now: string): Promise<void> {
  const knex = em.getKnex();
  const expired = knex('idempotency_record')
    .select('key')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(PRUNE_BATCH);
  await knex('idempotency_record')
    .whereIn('key', expired)
    .andWhere('expires_at', '<=', now)
    .delete()
    .catch(() => undefined);
}

export async function runMutation<T>(
  ctx: SubgraphContext,
  options: MutationOptions<T>,
  work: (em: EntityManager) => Promise<T>,
): Promise<Payload<T>> {
  if (options.precheck) {
    try {
      await options.precheck();
    } catch (error) {
      if (error instanceof UserErrors) return { result: null, userErrors: error.errors };
      throw error;
    }
  }
  const key = options.idempotencyKey?.trim();
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    return {
      result: null,
      userErrors: [
        userError(UserErrorCode.INVALID_INPUT, 'idempotencyKey must be 1 to 200 characters', [
          'input',
          'idempotencyKey',
        ]),
      ],
    };
  }
  const recordKey = key ? sha256(stableStringify([options.operation, callerOf(ctx.identity), key])!) : null;
  const { idempotencyKey: _key, ...input } = (options.input ?? {}) as Record<string, unknown>;
  const inputHash = sha256(stableStringify(input)!);
  const replay = async (): Promise<Payload<T> | null> => {
    if (!recordKey || !options.reload) return null;
    const em = ctx.em.fork();
    const now = new Date().toISOString();
    const record = await em.findOne(IdempotencyRecord, { key: recordKey });
    if (!record) return null;
    if (record.expiresAt <= now) {
      // Expired: the key is free again (the condition keeps a concurrent fresh record).
      await em.nativeDelete(IdempotencyRecord, { key: recordKey, expiresAt: { $lte: now } });
      return null;
    }
    if (record.inputHash !== inputHash) {
      return {
        result: null,
        userErrors: [
          userError(
            UserErrorCode.IDEMPOTENCY_KEY_REUSED,
            'This idempotencyKey was used with another input: use a new key for a new request.',
            ['input', 'idempotencyKey'],
          ),
        ],
      };
    }
    const result = await options.reload(ctx.em.fork(), record.resultId, ctx.identity);
    return result
      ? { result, userErrors: [] }
      : {
          result: null,
          userErrors: [
            userError(UserErrorCode.NOT_FOUND, 'What this idempotencyKey made is not visible to you now.', [
              'input',
              'idempotencyKey',
            ]),
          ],
        };
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const result = await ctx.em.transactional(async (em) => {
      const value = await work(em);
      await em.flush();
      if (recordKey && options.idOf) {
        const now = new Date();
        em.create(IdempotencyRecord, {
          key: recordKey,
          inputHash,
          resultId: options.idOf(value),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + ctx.config.idempotencyKeyTtlMs).toISOString(),
        });
      }
      // The gateway stopped waiting: roll back rather than commit a write whose outcome nobody hears of (lib/deadline.ts).
      checkDeadline(ctx.deadline);
      return value;
    });
    if (recordKey) await pruneExpired(ctx.em.fork(), new Date().toISOString());
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrors) return { result: null, userErrors: error.errors };
    if (error instanceof OptimisticLockError) {
      return {
        result: null,
        userErrors: [
          userError(UserErrorCode.STALE_VERSION, 'It was changed meanwhile: load the current version and try again.', [
            'input',
            'version',
          ]),
        ],
      };
    }
    if (error instanceof UniqueConstraintViolationException) {
      // A concurrent retry with the same key committed first: answer as it did.
      const concurrent = await replay();
      if (concurrent) return concurrent;
      return {
        result: null,
        userErrors: [userError(UserErrorCode.CONFLICT, 'It conflicts with something that exists already.')],
      };
    }
    throw error;
  }
}

/** The caller, or an UNAUTHENTICATED user error; FORBIDDEN unless the role is one of `roles`. */
export function requireRole(identity: Identity | null, roles: Role[]): Identity {
  if (!identity) fail(UserErrorCode.UNAUTHENTICATED, 'Sign in first: this needs a bearer token.');
  if (!roles.includes(identity.role))
    fail(UserErrorCode.FORBIDDEN, `A ${identity.role} may not do this (allowed: ${roles.join(', ')}).`);
  return identity;
}

/**
 * Runs a lookup for a mutation; when the owning subgraph cannot be asked, the
 * mutation stops with an UNAVAILABLE user error on `field` (not NOT_FOUND: the
 * entity may well exist, the caller should retry, not change the id).
 */
export async function lookupForMutation<T>(lookup: () => Promise<T>, field: string[]): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (!(error instanceof EntityLookupError)) throw error;
    return fail(
      UserErrorCode.UNAVAILABLE,
      `It could not be checked just now, so nothing was written; try again later. (${error.message})`,
      field,
    );
  }
}
