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
import type { EntityManager } from '@mikro-orm/knex';
import { CitySupport, type CitySupportKind } from './city-support.entity';
import { RecordCitySupportInput, UpdateCitySupportInput } from './city-support.input';
import { District } from '../places/district.entity';
import { findOrFail, newId } from '../mutation-support';

export const CitySupportPayload = PayloadType(CitySupport, 'citySupport');

/** City support is the city's own record. */
export const CITY_SUPPORT_ROLES = [Role.CITY_ADMIN];
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** INVALID_INPUT on `field` unless the year is one the city plans for (2000 to 2100). */
export function checkYear(year: number, check = new InputCheck(), field = 'year'): InputCheck {
  return check.expect(year >= FIRST_YEAR && year <= LAST_YEAR, field, `${field} must be ${FIRST_YEAR} to ${LAST_YEAR}`);
}

export function checkAmountAndNote(
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
export function storedNote(note: string | null | undefined): string | null {
  return note?.trim() || null;
}

export interface SupportValues {
  districtCode: string;
  kind: CitySupportKind;
  year: number;
  amountKrw?: number | null;
  note?: string | null;
}

/**
 * Records the city's support (recordCitySupport, a granted request): one record per district, kind and year, else
 * CONFLICT on `conflictField`. The district must exist (NOT_FOUND on input.districtCode).
 */
export async function recordSupport(
  em: EntityManager,
  values: SupportValues,
  conflictField: string[],
): Promise<CitySupport> {
  // Locking the district serialises its support records, so the duplicate check holds under concurrency.
  const district = await findOrFail(em, District, values.districtCode, 'districtCode', forUpdate(em));
  const existing = await em.findOne(CitySupport, { district: district.code, kind: values.kind, year: values.year });
  if (existing) {
    fail(
      UserErrorCode.CONFLICT,
      `${values.kind} support of ${values.year} is recorded already for district ${district.code} (${existing.id}): update that one.`,
      conflictField,
    );
  }
  return em.create(CitySupport, {
    id: newId('CS'),
    district,
    kind: values.kind,
    year: values.year,
    amountKrw: values.amountKrw ?? null,
    note: storedNote(values.note),
  });
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
      checkAmountAndNote(input, checkYear(input.year)).done();
    };
    const outcome = await runMutation(ctx, { ...keyedWrite('recordCitySupport', input, CitySupport), precheck }, (em) =>
      recordSupport(em, input, ['input', 'year']),
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
