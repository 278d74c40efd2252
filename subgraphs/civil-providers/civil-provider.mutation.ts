import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../lib/auth';
import { actsForInstitution, isCityAdmin, requireScope } from '../../lib/subgraph/authorization';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { lookupDistrictCodes } from '../../lib/entity-lookup';
import {
  fail,
  forUpdate,
  InputCheck,
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
import { SetCivilProviderCertificationInput, UpdateCivilProviderProfileInput } from './civil-provider.input';
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

/** Makes the provider serve exactly these districts. */
async function replaceServedAreas(em: EntityManager, provider: CivilProvider, codes: readonly string[]): Promise<void> {
  const current = await em.find(ServedArea, { provider });
  for (const area of current) if (!codes.includes(area.districtCode)) em.remove(area);
  for (const code of codes)
    if (!current.some((area) => area.districtCode === code)) em.create(ServedArea, { provider, districtCode: code });
}

@Resolver()
export class CivilProviderMutationResolver {
  @Mutation(() => CivilProviderPayload, {
    description:
      "Updates a provider's own profile: its name, legal form and the districts it serves (not its certification).",
  })
  async updateCivilProviderProfile(
    @Arg('input', () => UpdateCivilProviderProfileInput) input: UpdateCivilProviderProfileInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'updateCivilProviderProfile' }, async (em) => {
      const identity = requireRole(ctx.identity, [Role.CITY_ADMIN, Role.INSTITUTION]);
      const provider = await providerForUpdate(em, input.id);
      requireScope(
        isCityAdmin(identity) || actsForInstitution(identity, 'CivilProvider', provider.id),
        `edit the profile of CivilProvider ${provider.id}`,
        ['input', 'id'],
      );

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
      check.done();
      if (input.districtCodes) {
        const known = await lookupForMutation(
          () => lookupDistrictCodes('civil-providers', ctx.config, codes),
          ['input', 'districtCodes'],
        );
        const unknown = codes.flatMap((code, i) =>
          known.has(code)
            ? []
            : [
                userError(UserErrorCode.NOT_FOUND, `District ${code} does not exist.`, [
                  'input',
                  'districtCodes',
                  String(i),
                ]),
              ],
        );
        if (unknown.length > 0) throw new UserErrors(unknown);
        await replaceServedAreas(em, provider, codes);
      }

      if (input.name != null) provider.name = input.name.trim();
      if (input.kind != null) provider.kind = input.kind;
      return provider;
    });
    return toPayload('civilProvider', outcome);
  }

  @Mutation(() => CivilProviderPayload, {
    description: "Grants or withdraws the city's excellence certification (CITY_ADMIN only).",
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
