/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   MikroORM types a find over a generic entity class (T extends Place/Space) as any; the spec's types hold. */
/**
 * `update<Institution>Profile` for the institutions that publish a contact
 * profile (School, Library, CulturalCenter): the institution keeps its address,
 * phone and home page current; its official name changes only by those who
 * oversee it. Each subgraph calls `profileMutation` once with its entity and
 * its two rules and registers the resolver class it returns.
 */
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Identity, Role } from '../auth';
import { requireScope } from './authorization';
import type { SubgraphContext } from './context';
import {
  fail,
  forUpdate,
  InputCheck,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
} from './mutation';

export const PROFILE_LIMITS = { name: 100, address: 200, phone: 32, homepage: 255 } as const;
const PHONE = /^\+?[0-9][0-9 ()-]*[0-9]$/;

/** What every institution with a contact profile has. */
export interface ProfileEntity {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  homepage: string | null;
}

export interface ProfileMutationSpec<T extends ProfileEntity> {
  /** The institution entity; its class name is its GraphQL type name (e.g. School). */
  entity: EntityClass<T> & ClassType<T>;
  /** The roles that may edit some profile: the others are refused before anything is read. */
  roles: Role[];
  /** Whether this caller may edit this institution's address, phone and home page. */
  mayEdit(identity: Identity, institution: T): boolean;
  /** Whether this caller may change its name as well. */
  mayRename(identity: Identity, institution: T): boolean;
}

function isWebAddress(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value.trim()).protocol);
  } catch {
    return false;
  }
}

type ContactField = 'address' | 'phone' | 'homepage';
const CONTACT_FIELDS: ContactField[] = ['address', 'phone', 'homepage'];

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

export function profileMutation<T extends ProfileEntity>(spec: ProfileMutationSpec<T>) {
  const typeName = spec.entity.name;
  const payloadField = lowerFirst(typeName);
  const Payload = PayloadType(spec.entity, payloadField);

  @InputType(`Update${typeName}ProfileInput`, {
    description: 'Only the fields given change; null clears address, phone or homepage.',
  })
  class ProfileInput {
    @Field(() => ID)
    id!: string;

    @Field(() => String, {
      nullable: true,
      description: `The official name, 1 to ${PROFILE_LIMITS.name} characters: only for those who oversee the ${typeName}.`,
    })
    name?: string | null;

    @Field(() => String, { nullable: true, description: `Road address, 1 to ${PROFILE_LIMITS.address} characters.` })
    address?: string | null;

    @Field(() => String, { nullable: true, description: 'Phone number as dialled, e.g. "02-2153-0000".' })
    phone?: string | null;

    @Field(() => String, { nullable: true, description: 'An http(s) URL.' })
    homepage?: string | null;
  }

  @Resolver()
  class ProfileMutationResolver {
    @Mutation(() => Payload, {
      name: `update${typeName}Profile`,
      description: `Updates the public profile of a ${typeName}.`,
    })
    async updateProfile(@Arg('input', () => ProfileInput) input: ProfileInput, @Ctx() ctx: SubgraphContext) {
      const outcome = await runMutation(ctx, { operation: `update${typeName}Profile` }, async (em) => {
        const identity = requireRole(ctx.identity, spec.roles);
        const institution = await em.findOne(spec.entity, { id: input.id } as FilterQuery<T>, forUpdate(em) as never);
        if (!institution) fail(UserErrorCode.NOT_FOUND, `${typeName} ${input.id} does not exist.`, ['input', 'id']);
        requireScope(spec.mayEdit(identity, institution), `edit the profile of ${typeName} ${input.id}`, [
          'input',
          'id',
        ]);
        if (input.name !== undefined)
          requireScope(spec.mayRename(identity, institution), `rename ${typeName} ${input.id}`, ['input', 'name']);

        new InputCheck()
          .expect(input.name !== null, 'name', 'name cannot be cleared')
          .text(input.name, 'name', { max: PROFILE_LIMITS.name })
          .text(input.address, 'address', { max: PROFILE_LIMITS.address })
          .text(input.phone, 'phone', { max: PROFILE_LIMITS.phone })
          .expect(
            input.phone == null || PHONE.test(input.phone.trim()),
            'phone',
            'phone may hold only digits, spaces, "-", "(", ")" and a leading "+"',
          )
          .text(input.homepage, 'homepage', { max: PROFILE_LIMITS.homepage })
          .expect(
            input.homepage == null || isWebAddress(input.homepage),
            'homepage',
            'homepage must be an http or https URL',
          )
          .done();

        if (input.name != null) institution.name = input.name.trim();
        for (const field of CONTACT_FIELDS) {
          const value = input[field];
          if (value !== undefined) institution[field] = value === null ? null : value.trim();
        }
        return institution;
      });
      return toPayload(payloadField, outcome);
    }
  }

  return ProfileMutationResolver;
}
