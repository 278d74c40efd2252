/** Plane geometry on WGS84 points: enough for point-in-dong lookups and "nearest" picks within Seoul. */
import type { GeoPoint } from './network.types';

/** A GeoJSON position: [lng, lat]. */
export type Position = [number, number];
/** Outer ring first, then holes. */
export type PolygonRings = Position[][];
export interface GeoJsonGeometry {
  type: string;
  coordinates: unknown;
}
export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** A (multi)polygon with its bounding box, so most point tests end at four comparisons. */
export interface Shape {
  bbox: BBox;
  polygons: PolygonRings[];
}

export function shapeOf(geometry: GeoJsonGeometry): Shape {
  let polygons: PolygonRings[];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates as PolygonRings];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates as PolygonRings[];
  else throw new Error(`unsupported geometry type ${geometry.type}`);
  return { bbox: bboxOf(polygons.map((rings) => rings[0])), polygons };
}

function bboxOf(rings: Position[][]): BBox {
  const bbox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      if (lng < bbox.minLng) bbox.minLng = lng;
      if (lng > bbox.maxLng) bbox.maxLng = lng;
      if (lat < bbox.minLat) bbox.minLat = lat;
      if (lat > bbox.maxLat) bbox.maxLat = lat;
    }
  }
  return bbox;
}

export function unionBBox(boxes: readonly BBox[]): BBox {
  return {
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}

export function bboxContains(bbox: BBox, { lat, lng }: GeoPoint): boolean {
  return lng >= bbox.minLng && lng <= bbox.maxLng && lat >= bbox.minLat && lat <= bbox.maxLat;
}

/** Ray casting: count the ring edges a ray going east from the point crosses. */
function ringContains(ring: readonly Position[], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function shapeContains(shape: Shape, point: GeoPoint): boolean {
  if (!bboxContains(shape.bbox, point)) return false;
  return shape.polygons.some(
    ([outer, ...holes]) =>
      ringContains(outer, point.lng, point.lat) && !holes.some((hole) => ringContains(hole, point.lng, point.lat)),
  );
}

const METERS_PER_DEGREE_LAT = 110_540;
const METERS_PER_DEGREE_LNG_AT_EQUATOR = 111_320;

/** Equirectangular distance: within a city the error is far below a metre. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const meanLat = ((a.lat + b.lat) / 2) * (Math.PI / 180);
  const dx = (b.lng - a.lng) * METERS_PER_DEGREE_LNG_AT_EQUATOR * Math.cos(meanLat);
  const dy = (b.lat - a.lat) * METERS_PER_DEGREE_LAT;
  return Math.hypot(dx, dy);
}

/** The items ordered by distance from a point (ties keep their input order). */
export function byDistanceFrom<T extends GeoPoint>(items: readonly T[], point: GeoPoint): T[] {
  return items
    .map((item) => ({ item, distance: distanceMeters(item, point) }))
    .sort((a, b) => a.distance - b.distance)
    .map(({ item }) => item);
}
