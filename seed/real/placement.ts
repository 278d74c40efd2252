/**
 * Placing a real institution on the map: its dong by point-in-polygon over
 * the 2021 dong boundaries (with later code changes applied), its district
 * from the source's gu code.
 */
import { bboxContains, shapeContains, shapeOf, unionBBox, type GeoJsonGeometry, type Shape } from '../geo';
import type { DongRow, GeoPoint } from '../network.types';
import type { DongMap } from './regions';
import { readDataJson } from './source';

interface DongFeatureCollection {
  features: { properties: { adm_cd2: string }; geometry: GeoJsonGeometry }[];
}

export interface Placement {
  districtCode: string;
  dongCode: string | null;
}

export interface Placer {
  /** The current dong containing a point, or null outside every dong polygon. */
  dongAt(point: GeoPoint): string | null;
  /**
   * Where an institution belongs, or null when its point lies outside Seoul's
   * bounding box or no district can be told.
   */
  place(point: GeoPoint | null, districtCode: string): Placement | null;
}

export function createPlacer({ dongs, currentCode }: DongMap): Placer {
  const shapes: (Shape & { code: string })[] = readDataJson<DongFeatureCollection>(
    'seoul_dong_2021.geojson',
  ).features.map((feature) => ({ code: feature.properties.adm_cd2, ...shapeOf(feature.geometry) }));
  const seoulBBox = unionBBox(shapes.map((shape) => shape.bbox));
  const dongsByCode = new Map<string, DongRow>(dongs.map((dong) => [dong.code, dong]));

  const dongAt = (point: GeoPoint): string | null => {
    const shape = shapes.find((candidate) => shapeContains(candidate, point));
    return shape ? currentCode(shape.code, point) : null;
  };

  return {
    dongAt,
    place(point, districtCode) {
      if (!point || !bboxContains(seoulBBox, point)) return null;
      const dongCode = dongAt(point);
      const district = districtCode || (dongCode && dongsByCode.get(dongCode)?.districtCode);
      return district ? { districtCode: district, dongCode } : null;
    },
  };
}
