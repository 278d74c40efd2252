import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type Identity } from '../../lib/auth';
import { actsForInstitution, isCityAdmin, requireScope } from '../../lib/subgraph/authorization';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { lookupDistrictCodes } from '../../lib/entity-lookup';
import {
  fail,
  forUpdate,
  InputCheck,
  keyedWrite,
  newId,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  userError,
  UserErrorCode,
  UserErrors,
  lookupForMutation,
} from '../../lib/subgraph/mutation';
import { CivilProvider } from './civil-provider.entity';
import {
  RegisterCivilProviderInput,
  SetCivilProviderCertificationInput,
  UpdateCivilProviderProfileInput,
} from './civil-provider.input';
import { ServedArea } from './served-area.entity';

export const CivilProviderPayload = PayloadType(CivilProvider, 'civilProvider');

const NAME_MAX = 100;
const DISTRICT_CODE = /^\d{5}$/;
/** Seoul has 25 districts: a longer list must repeat or invent some. */
const MAX_DISTRICTS = 25;

/** The provider, locked for the write, or NOT_FOUND. */
async function providerForUpdate(em: EntityManager, id: string): Promise<CivilProvider> {
  const provider = await em.findOne(CivilProvider, { id }, forUpdate(em));
  if (!provider) fail(UserErrorCode.NOT_FOUND, `CivilProvider ${id} does not exist.`, ['input', 'id']);
  return provider;
}

/** The districts a provider serves now. */
async function servedDistricts(em: EntityManager, provider: CivilProvider): Promise<string[]> {
  return (await em.find(ServedArea, { provider })).map((area) => area.districtCode);
}

/** Makes the provider serve exactly these districts. */
async function replaceServedAreas(em: EntityManager, provider: CivilProvider, codes: readonly string[]): Promise<void> {
  const current = await em.find(ServedArea, { provider });
  for (const area of current) if (!codes.includes(area.districtCode)) em.remove(area);
  for (const code of codes)
    if (!current.some((area) => area.districtCode === code)) em.create(ServedArea, { provider, districtCode: code });
}

/** The problems of a name, a kind and a district list as given (undefined: left out). */
function checkProfile(input: { name?: string | null; kind?: unknown; districtCodes?: string[] | null }): InputCheck {
  const codes = input.districtCodes ?? [];
  const check = new InputCheck()
    .expect(input.name !== null, 'name', 'name cannot be cleared')
    .text(input.name, 'name', { max: NAME_MAX })
    .expect(input.kind !== null, 'kind', 'kind cannot be cleared')
    .expect(input.districtCodes !== null, 'districtCodes', 'districtCodes cannot be cleared')
    .expect(
      input.districtCodes == null || (codes.length >= 1 && codes.length <= MAX_DISTRICTS),
      'districtCodes',
      `districtCodes must list 1 to ${MAX_DISTRICTS} districts`,
    );
  codes.forEach((code, i) => {
    check
      .expect(DISTRICT_CODE.test(code), `districtCodes.${i}`, `districtCodes[${i}] must be a 5-digit district code`)
      .expect(codes.indexOf(code) === i, `districtCodes.${i}`, `districtCodes[${i}] repeats ${code}`);
  });
  return check;
}

/** NOT_FOUND on each code the centers subgraph does not know (UNAVAILABLE when it cannot be asked). */
async function requireKnownDistricts(ctx: SubgraphContext, codes: readonly string[]): Promise<void> {
  const known = await lookupForMutation(
    () => lookupDistrictCodes('civil-providers', ctx.config, codes),
    ['input', 'districtCodes'],
  );
  const unknown = codes.flatMap((code, i) =>
    known.has(code)
      ? []
      : [userError(UserErrorCode.NOT_FOUND, `District ${code} does not exist.`, ['input', 'districtCodes', String(i)])],
  );
  if (unknown.length > 0) throw new UserErrors(unknown);
}

/**
 * A district officer looks after the providers of their district: of a provider's districts they change only
 * whether it serves their own (FORBIDDEN on districtCodes otherwise); the other districts' officers decide theirs.
 */
function requireOwnDistrictChangesOnly(identity: Identity, before: readonly string[], after: readonly string[]): void {
  if (identity.role !== Role.DISTRICT_OFFICER) return;
  const changed = [
    ...before.filter((code) => !after.includes(code)),
    ...after.filter((code) => !before.includes(code)),
  ];
  requireScope(
    changed.every((code) => code === identity.district),
    `change whether a provider serves districts other than your own (${identity.district}): ${changed.join(', ')}`,
    ['input', 'districtCodes'],
  );
}

@Resolver()
export class CivilProviderMutationResolver {
  @Mutation(() => CivilProviderPayload, {
    description:
      'Registers a civil program provider (CITY_ADMIN for any districts, a DISTRICT_OFFICER for their own district). It is not certified; it signs in as an INSTITUTION with the claim CivilProvider:<id>.',
  })
  async registerCivilProvider(
    @Arg('input', () => RegisterCivilProviderInput) input: RegisterCivilProviderInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = async () => {
      const identity = requireRole(ctx.identity, [Role.CITY_ADMIN, Role.DISTRICT_OFFICER]);
      checkProfile(input).done();
      requireOwnDistrictChangesOnly(identity, [], input.districtCodes);
      await requireKnownDistricts(ctx, input.districtCodes);
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('registerCivilProvider', input, CivilProvider), precheck },
      async (em) => {
        const provider = em.create(CivilProvider, {
          id: newId('CP'),
          name: input.name.trim(),
          kind: input.kind,
          certifiedExcellent: false,
        });
        for (const districtCode of input.districtCodes) em.create(ServedArea, { provider, districtCode });
        return provider;
      },
    );
    return toPayload('civilProvider', outcome);
  }

  @Mutation(() => CivilProviderPayload, {
    description:
      "Updates a provider's profile: its name, legal form and the districts it serves (not its certification). The provider itself and the city change everything; a district officer edits the providers serving their district, and of the districts changes only their own.",
  })
  async updateCivilProviderProfile(
    @Arg('input', () => UpdateCivilProviderProfileInput) input: UpdateCivilProviderProfileInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'updateCivilProviderProfile' }, async (em) => {
      const identity = requireRole(ctx.identity, [Role.CITY_ADMIN, Role.INSTITUTION, Role.DISTRICT_OFFICER]);
      const provider = await providerForUpdate(em, input.id);
      const served = await servedDistricts(em, provider);
      requireScope(
        isCityAdmin(identity) ||
          actsForInstitution(identity, 'CivilProvider', provider.id) ||
          (identity.role === Role.DISTRICT_OFFICER && served.includes(identity.district!)),
        `edit the profile of CivilProvider ${provider.id}`,
        ['input', 'id'],
      );
      checkProfile(input).done();
      if (input.districtCodes) {
        requireOwnDistrictChangesOnly(identity, served, input.districtCodes);
        await requireKnownDistricts(ctx, input.districtCodes);
        await replaceServedAreas(em, provider, input.districtCodes);
      }
      if (input.name != null) provider.name = input.name.trim();
      if (input.kind != null) provider.kind = input.kind;
      return provider;
    });
    return toPayload('civilProvider', outcome);
  }

  @Mutation(() => CivilProviderPayload, {
    description:
      "Grants or withdraws the city's recognition of the provider (CITY_ADMIN only); programs are certified one by one with certifyProgram.",
  })
  async setCivilProviderCertification(
    @Arg('input', () => SetCivilProviderCertificationInput) input: SetCivilProviderCertificationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'setCivilProviderCertification' }, async (em) => {
      requireRole(ctx.identity, [Role.CITY_ADMIN]);
      const provider = await providerForUpdate(em, input.id);
      provider.certifiedExcellent = input.certifiedExcellent;
      return provider;
    });
    return toPayload('civilProvider', outcome);
  }
}
