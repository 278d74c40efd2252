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
} from '../../../lib/subgraph/mutation';
import { findOrFail, newId, seoulToday } from '../mutation-support';
import { District } from '../places/district.entity';
import { seoulNow } from '../seoul-time';
import { CitySupportKind } from './city-support.entity';
import { checkAmountAndNote, checkYear, CITY_SUPPORT_ROLES, recordSupport, storedNote } from './city-support.mutation';
import { CooperationAgreement, CooperationStatus } from './cooperation-agreement.entity';
import { mayReadSupportRequests } from './cooperation';
import {
  DeclineSupportRequestInput,
  GrantSupportRequestInput,
  RequestCitySupportInput,
  SetCooperationAgreementInput,
  SupportRequestIdInput,
} from './cooperation.input';
import { SupportRequest, SupportRequestStatus } from './support-request.entity';

export const CooperationAgreementPayload = PayloadType(CooperationAgreement, 'cooperationAgreement');
export const SupportRequestPayload = PayloadType(SupportRequest, 'supportRequest');

/** A district asks through its officers; the city decides. */
const REQUESTER_ROLES = [Role.DISTRICT_OFFICER];
const NOTE_MAX = 1000;
const REASON_MAX = 500;

/** CONFLICT unless the request still waits for a decision (deciding twice is a mistake, not a retry). */
function requirePending(request: SupportRequest, deciding: string): SupportRequest {
  if (request.status !== SupportRequestStatus.REQUESTED) {
    fail(
      UserErrorCode.CONFLICT,
      `Support request ${request.id} was ${request.status.toLowerCase()} already (${request.decidedAt}): it cannot be ${deciding}.`,
      ['input', 'id'],
    );
  }
  return request;
}

/** The request, locked, if it still waits for a decision. */
async function pendingRequest(em: EntityManager, id: string, deciding: string): Promise<SupportRequest> {
  return requirePending(await findOrFail(em, SupportRequest, id, 'id', forUpdate(em)), deciding);
}

function decide(request: SupportRequest, status: SupportRequestStatus): SupportRequest {
  request.status = status;
  request.decidedAt = seoulNow();
  return request;
}

@Resolver()
export class CooperationMutations {
  @Mutation(() => CooperationAgreementPayload, {
    description:
      "Records or changes a district's cooperation agreement with the city: since when, and its status (CITY_ADMIN).",
  })
  async setCooperationAgreement(
    @Arg('input', () => SetCooperationAgreementInput) input: SetCooperationAgreementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, CITY_SUPPORT_ROLES);
      new InputCheck()
        .expect(input.since <= seoulToday(), 'since', `since (${input.since}) cannot be after today`)
        .text(input.note, 'note', { min: 0, max: 500 })
        .done();
    };
    const outcome = await runMutation(ctx, { operation: 'setCooperationAgreement', precheck }, async (em) => {
      const district = await findOrFail(em, District, input.districtCode, 'districtCode', forUpdate(em));
      const values = { since: input.since, status: input.status, note: storedNote(input.note), updatedAt: seoulNow() };
      const agreement = await em.findOne(CooperationAgreement, { districtCode: district.code });
      if (agreement) return Object.assign(agreement, values);
      return em.create(CooperationAgreement, { districtCode: district.code, ...values });
    });
    return toPayload('cooperationAgreement', outcome);
  }

  @Mutation(() => SupportRequestPayload, {
    description:
      'A district officer asks the city for support of one kind in one year, for their own district (which must be ACTIVE in the cooperation model). One open request per district, kind and year.',
  })
  async requestCitySupport(
    @Arg('input', () => RequestCitySupportInput) input: RequestCitySupportInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      const identity = requireRole(ctx.identity, REQUESTER_ROLES);
      requireScope(identity.district === input.districtCode, `ask for support for district ${input.districtCode}`, [
        'input',
        'districtCode',
      ]);
      checkYear(input.year).text(input.note, 'note', { max: NOTE_MAX }).done();
    };
    // A retry gets the request back while its caller may still read it.
    const visible = (request: SupportRequest, identity: Identity | null) =>
      mayReadSupportRequests(identity, request.district.code);
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('requestCitySupport', input, SupportRequest, visible), precheck },
      async (em) => {
        // Locking the district serialises its requests, so the one-open-request rule holds under concurrency.
        const district = await findOrFail(em, District, input.districtCode, 'districtCode', forUpdate(em));
        const agreement = await em.findOne(CooperationAgreement, { districtCode: district.code });
        if (agreement?.status !== CooperationStatus.ACTIVE) {
          fail(
            UserErrorCode.CONFLICT,
            `District ${district.code} is ${agreement ? agreement.status : 'not'} in the cooperation model: only an ACTIVE district asks for support.`,
            ['input', 'districtCode'],
          );
        }
        const open = await em.findOne(SupportRequest, {
          district: district.code,
          kind: input.kind,
          year: input.year,
          status: SupportRequestStatus.REQUESTED,
        });
        if (open) {
          fail(
            UserErrorCode.CONFLICT,
            `District ${district.code} asked for ${input.kind} support of ${input.year} already (${open.id}); it waits for the city's decision.`,
            ['input', 'kind'],
          );
        }
        return em.create(SupportRequest, {
          id: newId('SR'),
          district,
          kind: input.kind,
          year: input.year,
          note: input.note.trim(),
          status: SupportRequestStatus.REQUESTED,
          requestedAt: seoulNow(),
          decidedAt: null,
          declineReason: null,
          citySupport: null,
        });
      },
    );
    return toPayload('supportRequest', outcome);
  }

  @Mutation(() => SupportRequestPayload, {
    description:
      "Grants a waiting request (CITY_ADMIN): records the city's support of its district, kind and year (as recordCitySupport does, so not when that support is recorded already) and links it.",
  })
  async grantSupportRequest(
    @Arg('input', () => GrantSupportRequestInput) input: GrantSupportRequestInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, CITY_SUPPORT_ROLES);
      checkAmountAndNote(input).done();
    };
    const outcome = await runMutation(ctx, { operation: 'grantSupportRequest', precheck }, async (em) => {
      const request = await pendingRequest(em, input.id, 'granted');
      new InputCheck()
        .expect(
          request.kind !== CitySupportKind.FINANCIAL || input.amountKrw != null,
          'amountKrw',
          'amountKrw is required to grant FINANCIAL support',
        )
        .done();
      const support = await recordSupport(
        em,
        {
          districtCode: request.district.code,
          kind: request.kind,
          year: request.year,
          amountKrw: input.amountKrw,
          note: input.note,
        },
        ['input', 'id'],
      );
      request.citySupport = support as never;
      return decide(request, SupportRequestStatus.GRANTED);
    });
    return toPayload('supportRequest', outcome);
  }

  @Mutation(() => SupportRequestPayload, { description: 'Declines a waiting request, saying why (CITY_ADMIN).' })
  async declineSupportRequest(
    @Arg('input', () => DeclineSupportRequestInput) input: DeclineSupportRequestInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, CITY_SUPPORT_ROLES);
      new InputCheck().text(input.reason, 'reason', { max: REASON_MAX }).done();
    };
    const outcome = await runMutation(ctx, { operation: 'declineSupportRequest', precheck }, async (em) => {
      const request = await pendingRequest(em, input.id, 'declined');
      request.declineReason = input.reason.trim();
      return decide(request, SupportRequestStatus.DECLINED);
    });
    return toPayload('supportRequest', outcome);
  }

  @Mutation(() => SupportRequestPayload, {
    description: "Withdraws a request the city has not decided yet (the requesting district's officers).",
  })
  async withdrawSupportRequest(
    @Arg('input', () => SupportRequestIdInput) input: SupportRequestIdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => void requireRole(ctx.identity, REQUESTER_ROLES);
    const outcome = await runMutation(ctx, { operation: 'withdrawSupportRequest', precheck }, async (em) => {
      const request = await findOrFail(em, SupportRequest, input.id, 'id', forUpdate(em));
      requireScope(
        ctx.identity!.district === request.district.code,
        `withdraw the requests of district ${request.district.code}`,
        ['input', 'id'],
      );
      return decide(requirePending(request, 'withdrawn'), SupportRequestStatus.WITHDRAWN);
    });
    return toPayload('supportRequest', outcome);
  }
}
