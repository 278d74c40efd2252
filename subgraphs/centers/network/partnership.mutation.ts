import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { lookupEntities } from '../../../lib/entity-lookup';
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
  lookupForMutation,
} from '../../../lib/subgraph/mutation';
import { TYPENAME_OF } from '../institutions/institution-type';
import type { InstitutionTypename } from '../../../lib/typenames';
import { LearningCenter } from '../places/learning-center.entity';
import { findOrFail, newId, requireDistrict, seoulToday } from '../mutation-support';
import { CreatePartnershipInput, PartnershipIdInput } from './partnership.input';
import { Partnership } from './partnership.entity';

export const PartnershipPayload = PayloadType(Partnership, 'partnership');

/** District officers manage the partnerships of their district's centers; the city all of them. */
const PARTNERSHIP_ROLES = [Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
const PARTNER_ID_FIELD = ['input', 'partner', 'id'];

/** Asks the owning subgraph whether a remote partner exists (a learning center is checked in the transaction). */
async function remotePartnerMustExist(ctx: SubgraphContext, typename: InstitutionTypename, id: string): Promise<void> {
  if (typename === 'LearningCenter') return;
  const found = await lookupForMutation(() => lookupEntities('centers', ctx.config, typename, [id]), PARTNER_ID_FIELD);
  if (!found.has(id)) fail(UserErrorCode.NOT_FOUND, `There is no ${typename} ${JSON.stringify(id)}.`, PARTNER_ID_FIELD);
}

@Resolver()
export class PartnershipMutations {
  @Mutation(() => PartnershipPayload, {
    description: "Links a learning center with a partner institution (the district's officers, the city).",
  })
  async createPartnership(
    @Arg('input', () => CreatePartnershipInput) input: CreatePartnershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const typename = TYPENAME_OF[input.partner.type];
    const since = input.since ?? seoulToday();
    const precheck = async () => {
      requireRole(ctx.identity, PARTNERSHIP_ROLES);
      new InputCheck()
        .text(input.partner.id, 'partner.id', { max: 32 })
        .expect(since <= seoulToday(), 'since', 'since cannot be in the future')
        .done();
      await remotePartnerMustExist(ctx, typename, input.partner.id);
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('createPartnership', input, Partnership), precheck },
      async (em) => {
        // Locking the center serialises partnership writes of one center, so two requests cannot both pass the duplicate check.
        const center = await findOrFail(em, LearningCenter, input.centerId, 'centerId', forUpdate(em));
        requireDistrict(ctx.identity!, center.district.code, 'manage partnerships', ['input', 'centerId']);
        if (typename === 'LearningCenter') {
          if (input.partner.id === center.id)
            fail(UserErrorCode.INVALID_INPUT, 'A center cannot partner itself.', PARTNER_ID_FIELD);
          await findOrFail(em, LearningCenter, input.partner.id, 'partner.id');
        }
        const samePair: FilterQuery<Partnership> = {
          center: center.id,
          partnerType: typename,
          partnerId: input.partner.id,
        };
        // Two centers are one pair whichever of them recorded the partnership.
        const reversed: FilterQuery<Partnership> = {
          center: input.partner.id,
          partnerType: 'LearningCenter',
          partnerId: center.id,
        };
        const active = await em.count(Partnership, {
          $or: typename === 'LearningCenter' ? [samePair, reversed] : [samePair],
          active: true,
        });
        if (active > 0) {
          fail(
            UserErrorCode.CONFLICT,
            `${center.name} already has an active partnership with ${typename} ${input.partner.id}; end it first.`,
            ['input', 'partner'],
          );
        }
        return em.create(Partnership, {
          id: newId('PS'),
          center,
          districtCode: center.district.code,
          partnerType: typename,
          partnerId: input.partner.id,
          kind: input.kind,
          since,
          active: true,
        });
      },
    );
    return toPayload('partnership', outcome);
  }

  @Mutation(() => PartnershipPayload, {
    description: 'Ends a partnership; it stays on record as inactive. Ending an ended one changes nothing.',
  })
  async endPartnership(@Arg('input', () => PartnershipIdInput) input: PartnershipIdInput, @Ctx() ctx: SubgraphContext) {
    const outcome = await runMutation(ctx, { operation: 'endPartnership' }, async (em) => {
      const identity = requireRole(ctx.identity, PARTNERSHIP_ROLES);
      const partnership = await findOrFail(em, Partnership, input.id, 'id', forUpdate(em));
      requireDistrict(identity, partnership.districtCode, 'manage partnerships', ['input', 'id']);
      partnership.active = false;
      return partnership;
    });
    return toPayload('partnership', outcome);
  }
}
