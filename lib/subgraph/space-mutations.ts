/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   MikroORM types a find over a generic entity class (T extends Place/Space) as any; the spec's types hold. */
/**
 * The writes of "a room of an institution" (SchoolSpace, LibrarySpace,
 * CulturalSpace): create, update and remove. The three subgraphs differ only
 * in their entities and in who may manage an owner's rooms, so each calls
 * `spaceMutations` once and registers the resolver class it returns.
 *
 * Removal is a soft delete. Programs in the centers subgraph keep their venue
 * as (typename, id), and subgraphs never read each other's tables, so a removed
 * room stays resolvable by key (programs held there still show its name, with
 * `removed: true`) while it leaves its owner's `spaces` and can no longer be
 * edited or removed again.
 */
import { randomBytes } from 'node:crypto';
import type { EntityClass, FilterQuery, Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Identity, Role } from '../auth';
import { requireScope } from './authorization';
import type { SubgraphContext } from './context';
import {
  fail,
  forUpdate,
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
} from './mutation';

export const SPACE_NAME_MAX = 100;
export const SPACE_CAPACITY = { min: 1, max: 5000 } as const;

/** What every room entity has. */
export interface SpaceEntity {
  id: string;
  name: string;
  capacity: number;
  /** When its institution removed it (ISO 8601); null while it is offered. */
  removedAt: string | null;
}

export interface SpaceMutationsSpec<Owner extends { id: string }, Space extends SpaceEntity> {
  /** The owner entity; its class name is its GraphQL type name (e.g. School). */
  owner: EntityClass<Owner>;
  /** The room entity; its class name is its GraphQL type name (e.g. SchoolSpace). */
  space: EntityClass<Space> & ClassType<Space>;
  /** The room's ManyToOne to its owner, e.g. "school": the create input names the owner `schoolId`. */
  ownerProperty: keyof Space & string;
  /** The roles that may manage some owner's rooms: the others are refused before anything is read. */
  roles: Role[];
  /** Whether this caller (of one of `roles`) may manage this owner's rooms. */
  mayManage(identity: Identity, owner: Owner): boolean;
}

interface SpaceFields {
  name?: string | null;
  capacity?: number | null;
}

/** Name and capacity rules; a field left out is not checked, an explicit null is refused (they cannot be cleared). */
export function checkSpaceFields(check: InputCheck, input: SpaceFields): InputCheck {
  return check
    .expect(input.name !== null, 'name', 'name cannot be cleared')
    .text(input.name, 'name', { max: SPACE_NAME_MAX })
    .expect(input.capacity !== null, 'capacity', 'capacity cannot be cleared')
    .expect(
      input.capacity == null || (input.capacity >= SPACE_CAPACITY.min && input.capacity <= SPACE_CAPACITY.max),
      'capacity',
      `capacity must be ${SPACE_CAPACITY.min} to ${SPACE_CAPACITY.max}`,
    );
}

/**
 * A new room id led by its owner's id, like the seed's `<owner id>-S<n>`; random rather than counted, so concurrent
 * creates cannot collide. Owner ids have at most 10 characters, so it fits the rooms' 24-character keys.
 */
export function newSpaceId(ownerId: string): string {
  return `${ownerId}-R${randomBytes(4).toString('hex')}`;
}

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

/**
 * `create<Space>`, `update<Space>` and `remove<Space>` with their inputs and
 * `<Space>Payload { <space>, userErrors }`. Every one: UNAUTHENTICATED for
 * anonymous callers, FORBIDDEN for other roles, NOT_FOUND for an unknown (or
 * removed) id, FORBIDDEN unless `mayManage`, then all input problems at once.
 */
export function spaceMutations<Owner extends { id: string }, Space extends SpaceEntity>(
  spec: SpaceMutationsSpec<Owner, Space>,
) {
  const typeName = spec.space.name;
  const ownerTypename = spec.owner.name;
  const ownerIdField = `${spec.ownerProperty}Id`;
  const payloadField = lowerFirst(typeName);
  const Payload = PayloadType(spec.space, payloadField);

  @InputType(`Create${typeName}Input`)
  class CreateInput {
    [ownerIdField: string]: unknown;
    name!: string;
    capacity!: number;
    idempotencyKey?: string | null;
  }
  // Declared by hand, in schema order: the owner's id field comes first and its name varies (schoolId, libraryId ...).
  Field(() => ID, { description: `The ${ownerTypename} the room belongs to.` })(CreateInput.prototype, ownerIdField);
  Field(() => String, { description: `1 to ${SPACE_NAME_MAX} characters (trimmed).` })(CreateInput.prototype, 'name');
  Field(() => Int, { description: `How many people it holds: ${SPACE_CAPACITY.min} to ${SPACE_CAPACITY.max}.` })(
    CreateInput.prototype,
    'capacity',
  );
  Field(() => String, {
    nullable: true,
    description: 'Makes a retry return the room the first request created instead of a second one.',
  })(CreateInput.prototype, 'idempotencyKey');

  @InputType(`Update${typeName}Input`, { description: 'Only the fields given change.' })
  class UpdateInput {
    @Field(() => ID)
    id!: string;

    @Field(() => String, { nullable: true, description: `1 to ${SPACE_NAME_MAX} characters (trimmed).` })
    name?: string | null;

    @Field(() => Int, { nullable: true, description: `${SPACE_CAPACITY.min} to ${SPACE_CAPACITY.max}.` })
    capacity?: number | null;
  }

  @InputType(`Remove${typeName}Input`)
  class RemoveInput {
    @Field(() => ID)
    id!: string;
  }

  const what = (ownerId: string) => `manage the spaces of ${ownerTypename} ${ownerId}`;

  /** The room, locked for the write, once the caller may manage its owner's rooms. */
  async function managedSpace(em: EntityManager, identity: Identity, id: string): Promise<Space> {
    const space = await em.findOne(spec.space, { id, removedAt: null } as FilterQuery<Space>, forUpdate(em) as never);
    if (!space) fail(UserErrorCode.NOT_FOUND, `${typeName} ${id} does not exist.`, ['input', 'id']);
    const ownerId = (space[spec.ownerProperty] as Ref<Owner>).unwrap().id;
    const owner = await em.findOneOrFail(spec.owner, { id: ownerId } as FilterQuery<Owner>);
    requireScope(spec.mayManage(identity, owner), what(ownerId), ['input', 'id']);
    return space;
  }

  @Resolver()
  class SpaceMutationResolver {
    @Mutation(() => Payload, {
      name: `create${typeName}`,
      description: `Opens a new room of a ${ownerTypename} to programs.`,
    })
    async create(@Arg('input', () => CreateInput) input: CreateInput, @Ctx() ctx: SubgraphContext) {
      const outcome = await runMutation(ctx, keyedWrite(`create${typeName}`, input, spec.space), async (em) => {
        const identity = requireRole(ctx.identity, spec.roles);
        const ownerId = String(input[ownerIdField]);
        const owner = await em.findOne(spec.owner, { id: ownerId } as FilterQuery<Owner>);
        if (!owner)
          fail(UserErrorCode.NOT_FOUND, `${ownerTypename} ${ownerId} does not exist.`, ['input', ownerIdField]);
        requireScope(spec.mayManage(identity, owner), what(ownerId), ['input', ownerIdField]);
        checkSpaceFields(new InputCheck(), input).done();
        return em.create(spec.space, {
          id: newSpaceId(ownerId),
          name: input.name.trim(),
          capacity: input.capacity,
          [spec.ownerProperty]: owner,
          removedAt: null,
        } as never);
      });
      return toPayload(payloadField, outcome);
    }

    @Mutation(() => Payload, { name: `update${typeName}`, description: 'Renames a room or changes its capacity.' })
    async update(@Arg('input', () => UpdateInput) input: UpdateInput, @Ctx() ctx: SubgraphContext) {
      const outcome = await runMutation(ctx, { operation: `update${typeName}` }, async (em) => {
        const space = await managedSpace(em, requireRole(ctx.identity, spec.roles), input.id);
        checkSpaceFields(new InputCheck(), input).done();
        if (input.name != null) space.name = input.name.trim();
        if (input.capacity != null) space.capacity = input.capacity;
        return space;
      });
      return toPayload(payloadField, outcome);
    }

    @Mutation(() => Payload, {
      name: `remove${typeName}`,
      description:
        "Stops offering a room. Programs held there keep naming it (it answers `removed: true`); it leaves the owner's spaces.",
    })
    async remove(@Arg('input', () => RemoveInput) input: RemoveInput, @Ctx() ctx: SubgraphContext) {
      const outcome = await runMutation(ctx, { operation: `remove${typeName}` }, async (em) => {
        const space = await managedSpace(em, requireRole(ctx.identity, spec.roles), input.id);
        space.removedAt = new Date().toISOString();
        return space;
      });
      return toPayload(payloadField, outcome);
    }
  }

  return SpaceMutationResolver;
}
