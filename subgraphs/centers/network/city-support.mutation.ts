import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
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
import { CitySupport } from './city-support.entity';
import { RecordCitySupportInput, UpdateCitySupportInput } from './city-support.input';
import { District } from '../places/district.entity';
import { findOrFail, newId } from '../mutation-support';

export const CitySupportPayload = PayloadType(CitySupport, 'citySupport');

/** City support is the city's own record. */
const CITY_SUPPORT_ROLES = [Role.CITY_ADMIN];
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function checkAmountAndNote(
  input: { amountKrw?: number | null; note?: string | null },
  check = new InputCheck(),
): InputCheck {
  const { amountKrw } = input;
  return check
    .expect(
      amountKrw === undefined || amountKrw === null || amountKrw >= 0,
      'amountKrw',
      'amountKrw cannot be negative',
    )
    .text(input.note, 'note', { min: 0, max: 500 });
}

/** A note as stored: trimmed, and null rather than empty. */
function storedNote(note: string | null | undefined): string | null {
  return note?.trim() || null;
}

@Resolver()
export class CitySupportMutations {
  @Mutation(() => CitySupportPayload, {
    description:
      "Records the city's support to a district for a year (CITY_ADMIN). One record per district, kind and year.",
  })
  async recordCitySupport(
    @Arg('input', () => RecordCitySupportInput) input: RecordCitySupportInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, CITY_SUPPORT_ROLES);
      const check = new InputCheck().expect(
        input.year >= FIRST_YEAR && input.year <= LAST_YEAR,
        'year',
        `year must be ${FIRST_YEAR} to ${LAST_YEAR}`,
      );
      checkAmountAndNote(input, check).done();
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('recordCitySupport', input, CitySupport), precheck },
      async (em) => {
        // Locking the district serialises its support records, so the duplicate check holds under concurrency.
        const district = await findOrFail(em, District, input.districtCode, 'districtCode', forUpdate(em));
        const existing = await em.findOne(CitySupport, { district: district.code, kind: input.kind, year: input.year });
        if (existing) {
          fail(
            UserErrorCode.CONFLICT,
            `${input.kind} support of ${input.year} is recorded already for district ${district.code} (${existing.id}): update that one.`,
            ['input', 'year'],
          );
        }
        return em.create(CitySupport, {
          id: newId('CS'),
          district,
          kind: input.kind,
          year: input.year,
          amountKrw: input.amountKrw ?? null,
          note: storedNote(input.note),
        });
      },
    );
    return toPayload('citySupport', outcome);
  }

  @Mutation(() => CitySupportPayload, {
    description: 'Corrects the amount or note of a city support record (CITY_ADMIN).',
  })
  async updateCitySupport(
    @Arg('input', () => UpdateCitySupportInput) input: UpdateCitySupportInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'updateCitySupport' }, async (em) => {
      requireRole(ctx.identity, CITY_SUPPORT_ROLES);
      checkAmountAndNote(input).done();
      const support = await findOrFail(em, CitySupport, input.id, 'id', forUpdate(em));
      if (input.amountKrw !== undefined) support.amountKrw = input.amountKrw;
      if (input.note !== undefined) support.note = storedNote(input.note);
      return support;
    });
    return toPayload('citySupport', outcome);
  }
}
