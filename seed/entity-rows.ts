/**
 * The seed network's rows as entity data for `em.insertMany`, for the rows that
 * several subgraphs store alike. Fields are picked one by one: network rows may
 * carry more than their entity stores.
 */
import type { SpaceRow } from './network.types';
import type { Place } from '../lib/subgraph/place.entity';
import type { DatasetId, SourceCode } from '../lib/subgraph/provenance';

type PlaceData = Pick<
  Place,
  'id' | 'name' | 'districtCode' | 'dongCode' | 'lat' | 'lng' | 'address' | 'phone' | 'homepage'
>;

/** The columns of a Place (lib/subgraph/place.entity.ts) from a registry `dataset`; the caller adds the entity's own. A school lists no phone or home page. */
export function placeData(
  row: Omit<PlaceData, 'phone' | 'homepage'> & Partial<PlaceData>,
  dataset: DatasetId,
): PlaceData & { source: SourceCode } {
  const { id, name, districtCode, dongCode, lat, lng, address } = row;
  return {
    id,
    name,
    districtCode,
    dongCode,
    lat,
    lng,
    address,
    phone: row.phone ?? null,
    homepage: row.homepage ?? null,
    source: dataset,
  };
}

/** A generated room, owned through its ManyToOne `ownerProperty` (e.g. "school"): the owner's key stands for it. */
export function spaceData(row: SpaceRow, ownerProperty: string): Record<string, unknown> {
  return { id: row.id, name: row.name, capacity: row.capacity, [ownerProperty]: row.ownerId, source: 'GENERATED' };
}
