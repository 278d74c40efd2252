import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type Identity } from '../../../lib/auth';
import { requireScope } from '../../../lib/subgraph/authorization';
import type { SubgraphContext } from '../../../lib/subgraph/context';
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
import { officeSpeaksFor } from '../institutions/education-office';
import { TYPENAME_OF } from '../institutions/institution-type';
import type { PartnerTypename } from '../../../lib/typenames';
import { LearningCenter } from '../places/learning-center.entity';
import { findOrFail, newId, remoteMustExist, requireDistrict, seoulToday } from '../mutation-support';
import { seoulNow } from '../seoul-time';
import { managesDistrict } from './partnership.access';
import {
  CreatePartnershipInput,
  DeclinePartnershipInput,
  PartnershipIdInput,
  ProposePartnershipInput,
} from './partnership.input';
import { Partnership, PartnershipStatus } from './partnership.entity';

export const PartnershipPayload = PayloadType(Partnership, 'partnership');

/** District officers manage the partnerships of their district's centers; the city all of them. */
const PARTNERSHIP_ROLES = [Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
/** An office of education also agrees partnerships, for its schools and itself. */
const AGREEING_ROLES = [...PARTNERSHIP_ROLES, Role.EDUCATION_OFFICE];
const PARTNER_ID_FIELD = ['input', 'partner', 'id'];
const NOTE_MAX = 1000;

type PartnerRef = { typename: PartnerTypename; id: string };

/** Whether an EDUCATION_OFFICE caller speaks for this partner (asked before the transaction); null for other roles. */
async function officeScope(ctx: SubgraphContext, partner: PartnerRef, field: string[]): Promise<boolean | null> {
  const office = ctx.identity?.role === Role.EDUCATION_OFFICE ? ctx.identity.educationOffice! : null;
  if (!office) return null;
  return lookupForMutation(() => officeSpeaksFor(ctx, office, partner), field);
}

/** Refuses a caller who may not agree this district's partnership with this partner (an office: unless it speaks for it). */
function requireAgreeing(identity: Identity, districtCode: string, speaksForPartner: boolean | null, field: string[]) {
  if (identity.role === Role.EDUCATION_OFFICE) {
    requireScope(speaksForPartner === true, "agree partnerships but for the office's own schools or itself", field);
  } else {
    requireScope(managesDistrict(identity, districtCode), `manage partnerships of district ${districtCode}`, field);
  }
}

const optionalNote = (text: string | null | undefined): string | null => text?.trim() || null;

/** The checks of a new partnership that need no transaction: its input and that the partner exists. */
async function checkNewPartnership(ctx: SubgraphContext, input: ProposePartnershipInput, partner: PartnerRef) {
  new InputCheck()
    .text(input.partner.id, 'partner.id', { max: 32 })
    .expect((input.since ?? seoulToday()) <= seoulToday(), 'since', 'since cannot be in the future')
    .expect((optionalNote(input.note)?.length ?? 0) <= NOTE_MAX, 'note', `note must be at most ${NOTE_MAX} characters`)
    .done();
  await remoteMustExist(ctx, partner, PARTNER_ID_FIELD);
}

/**
 * Writes a new partnership of `status` after the checks every new one passes: the center exists (locked, so two
 * requests of one center cannot both pass the duplicate check), the partner is not the center itself, and the pair
 * has no partnership proposed or running.
 */
async function newPartnership(
  em: EntityManager,
  input: ProposePartnershipInput,
  partner: PartnerRef,
  authorize: (center: LearningCenter) => void,
  values: Partial<Partnership> & { status: PartnershipStatus },
): Promise<Partnership> {
  const center = await findOrFail(em, LearningCenter, input.centerId, 'centerId', forUpdate(em));
  authorize(center);
  if (partner.typename === 'LearningCenter') {
    if (partner.id === center.id)
      fail(UserErrorCode.INVALID_INPUT, 'A center cannot partner itself.', PARTNER_ID_FIELD);
    await findOrFail(em, LearningCenter, partner.id, 'partner.id');
  }
  const samePair: FilterQuery<Partnership> = {
    center: center.id,
    partnerType: partner.typename,
    partnerId: partner.id,
  };
  // Two centers are one pair whichever of them recorded the partnership.
  const reversed: FilterQuery<Partnership> = {
    center: partner.id,
    partnerType: 'LearningCenter',
    partnerId: center.id,
  };
  const open = await em.findOne(Partnership, {
    $or: partner.typename === 'LearningCenter' ? [samePair, reversed] : [samePair],
    status: { $in: [PartnershipStatus.PROPOSED, PartnershipStatus.ACTIVE] },
  });
  // Another district's proposal (the reversed pair of two centers) is that district's business: name nothing of it.
  if (open && open.status === PartnershipStatus.PROPOSED && open.districtCode !== center.district.code) {
    fail(
      UserErrorCode.CONFLICT,
      `${center.name} and ${partner.typename} ${partner.id} already have an open partnership or proposal.`,
      ['input', 'partner'],
    );
  }
  if (open) {
    const what = open.status === PartnershipStatus.ACTIVE ? 'an active partnership' : 'a proposed partnership';
    fail(
      UserErrorCode.CONFLICT,
      `${center.name} already has ${what} with ${partner.typename} ${partner.id} (${open.id}); ${
        open.status === PartnershipStatus.ACTIVE ? 'end it first' : 'decide it first'
      }.`,
      ['input', 'partner'],
    );
  }
  return em.create(Partnership, {
    id: newId('PS'),
    center,
    districtCode: center.district.code,
    partnerType: partner.typename,
    partnerId: partner.id,
    kind: input.kind,
    since: input.since ?? seoulToday(),
    active: values.status === PartnershipStatus.ACTIVE,
    ...values,
  });
}

/** A proposal to decide, locked: another district's (or school's) is forbidden, a decided one is a conflict. */
async function proposalToDecide(
  em: EntityManager,
  ctx: SubgraphContext,
  id: string,
  speaksForPartner: boolean | null,
): Promise<Partnership> {
  const partnership = await findOrFail(em, Partnership, id, 'id', forUpdate(em));
  requireAgreeing(ctx.identity!, partnership.districtCode, speaksForPartner, ['input', 'id']);
  if (partnership.status !== PartnershipStatus.PROPOSED) {
    fail(
      UserErrorCode.CONFLICT,
      `Partnership ${id} is ${partnership.status}, not PROPOSED: only a proposal is approved or declined.`,
      ['input', 'id'],
    );
  }
  return partnership;
}

/** For an office deciding a proposal: the partner, read before the transaction, to ask whether it speaks for it. */
async function officeScopeOfStored(ctx: SubgraphContext, id: string): Promise<boolean | null> {
  if (ctx.identity?.role !== Role.EDUCATION_OFFICE) return null;
  const stored = await ctx.em.fork().findOne(Partnership, { id });
  if (!stored) return false;
  return officeScope(ctx, { typename: stored.partnerType, id: stored.partnerId }, ['input', 'id']);
}

const decision = (identity: Identity) => ({ decidedBy: identity.subject, decidedAt: seoulNow() });

@Resolver()
export class PartnershipMutations {
  @Mutation(() => PartnershipPayload, {
    description:
      "Links a learning center with a partner institution, active at once (the district's officers, the city; an office of education for its schools and itself).",
  })
  async createPartnership(
    @Arg('input', () => CreatePartnershipInput) input: CreatePartnershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const partner = { typename: TYPENAME_OF[input.partner.type], id: input.partner.id };
    let speaksForPartner: boolean | null = null;
    const precheck = async () => {
      requireRole(ctx.identity, AGREEING_ROLES);
      await checkNewPartnership(ctx, input, partner);
      speaksForPartner = await officeScope(ctx, partner, PARTNER_ID_FIELD);
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('createPartnership', input, Partnership), precheck },
      (em) => {
        const identity = ctx.identity!;
        const authorize = (center: LearningCenter) =>
          identity.role === Role.EDUCATION_OFFICE
            ? requireAgreeing(identity, center.district.code, speaksForPartner, PARTNER_ID_FIELD)
            : requireDistrict(identity, center.district.code, 'manage partnerships', ['input', 'centerId']);
        return newPartnership(em, input, partner, authorize, {
          status: PartnershipStatus.ACTIVE,
          ...decision(identity),
        });
      },
    );
    return toPayload('partnership', outcome);
  }

  @Mutation(() => PartnershipPayload, {
    description:
      "Proposes a partnership of one of the district's centers (the district's experts); it is PROPOSED until the district's officer, the city or the partner school's office of education approves or declines it.",
  })
  async proposePartnership(
    @Arg('input', () => ProposePartnershipInput) input: ProposePartnershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const partner = { typename: TYPENAME_OF[input.partner.type], id: input.partner.id };
    const precheck = async () => {
      requireRole(ctx.identity, [Role.EXPERT]);
      await checkNewPartnership(ctx, input, partner);
    };
    const visible = (row: Partnership, identity: Identity | null) =>
      identity?.role === Role.EXPERT && identity.district === row.districtCode;
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('proposePartnership', input, Partnership, visible), precheck },
      (em) => {
        const identity = ctx.identity!;
        const authorize = (center: LearningCenter) =>
          requireDistrict(identity, center.district.code, 'propose partnerships', ['input', 'centerId']);
        return newPartnership(em, input, partner, authorize, {
          status: PartnershipStatus.PROPOSED,
          proposedBy: identity.subject,
          proposedAt: seoulNow(),
          proposalNote: optionalNote(input.note),
        });
      },
    );
    return toPayload('partnership', outcome);
  }

  @Mutation(() => PartnershipPayload, {
    description:
      "Approves a proposed partnership: it becomes ACTIVE (the district's officers, the city; an office of education for its schools and itself).",
  })
  async approvePartnership(
    @Arg('input', () => PartnershipIdInput) input: PartnershipIdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    let speaksForPartner: boolean | null = null;
    const precheck = async () => {
      requireRole(ctx.identity, AGREEING_ROLES);
      speaksForPartner = await officeScopeOfStored(ctx, input.id);
    };
    const outcome = await runMutation(ctx, { operation: 'approvePartnership', precheck }, async (em) => {
      const partnership = await proposalToDecide(em, ctx, input.id, speaksForPartner);
      return Object.assign(partnership, { status: PartnershipStatus.ACTIVE, active: true, ...decision(ctx.identity!) });
    });
    return toPayload('partnership', outcome);
  }

  @Mutation(() => PartnershipPayload, {
    description:
      'Declines a proposed partnership, with an optional reason; it stays on record as DECLINED (those who may approve it).',
  })
  async declinePartnership(
    @Arg('input', () => DeclinePartnershipInput) input: DeclinePartnershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    let speaksForPartner: boolean | null = null;
    const reason = optionalNote(input.reason);
    const precheck = async () => {
      requireRole(ctx.identity, AGREEING_ROLES);
      new InputCheck()
        .expect((reason?.length ?? 0) <= NOTE_MAX, 'reason', `reason must be at most ${NOTE_MAX} characters`)
        .done();
      speaksForPartner = await officeScopeOfStored(ctx, input.id);
    };
    const outcome = await runMutation(ctx, { operation: 'declinePartnership', precheck }, async (em) => {
      const partnership = await proposalToDecide(em, ctx, input.id, speaksForPartner);
      return Object.assign(partnership, {
        status: PartnershipStatus.DECLINED,
        active: false,
        declineReason: reason,
        ...decision(ctx.identity!),
      });
    });
    return toPayload('partnership', outcome);
  }

  @Mutation(() => PartnershipPayload, {
    description:
      'Ends an active partnership; it stays on record as ENDED. Ending an ended one changes nothing; a proposal is declined, not ended.',
  })
  async endPartnership(@Arg('input', () => PartnershipIdInput) input: PartnershipIdInput, @Ctx() ctx: SubgraphContext) {
    const outcome = await runMutation(ctx, { operation: 'endPartnership' }, async (em) => {
      const identity = requireRole(ctx.identity, PARTNERSHIP_ROLES);
      const partnership = await findOrFail(em, Partnership, input.id, 'id', forUpdate(em));
      requireDistrict(identity, partnership.districtCode, 'manage partnerships', ['input', 'id']);
      if (partnership.status === PartnershipStatus.PROPOSED || partnership.status === PartnershipStatus.DECLINED) {
        fail(
          UserErrorCode.CONFLICT,
          `Partnership ${input.id} is ${partnership.status}: only an active one is ended (a proposal is declined).`,
          ['input', 'id'],
        );
      }
      partnership.status = PartnershipStatus.ENDED;
      partnership.active = false;
      return partnership;
    });
    return toPayload('partnership', outcome);
  }
}
