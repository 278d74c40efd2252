/**
 * Libraries: the national library standard data (public and small libraries)
 * merged with Seoul's own public-library list. The two overlap heavily and
 * spell names differently ("강동구립천호도서관" vs "천호도서관"), so a Seoul row
 * joins a national one by name within the gu, else by a point within 50 m.
 */
import { distanceMeters } from '../geo';
import { numberByDistrictAndName } from '../ids';
import type { GeoPoint, LibraryKind, LibraryRow } from '../network.types';
import type { Placer } from './placement';
import { pointOrNull, readDataCsv, seatsOrNull, textOrNull, withoutSpaces } from './source';

const SAME_PLACE_METERS = 50;

const KINDS: Record<string, LibraryKind> = {
  공공도서관: 'PUBLIC',
  작은도서관: 'SMALL',
  어린이도서관: 'CHILDREN',
  학교도서관: 'SCHOOL',
};

interface SourceLibrary extends GeoPoint {
  name: string;
  type: string;
  districtCode: string;
  address: string | null;
  phone: string | null;
  homepage: string | null;
  seats: number | null;
}

/** Rows describing one library: the national file lists some reading rooms separately. */
interface LibraryGroup {
  national: SourceLibrary[];
  seoul: SourceLibrary | null;
}

/** "도봉문화정보도서관(종합자료실)" → "도봉문화정보도서관": a trailing "(…)" names a room or a location note. */
function baseName(name: string): string {
  return name.replace(/\s*\([^()]*\)\s*$/, '').trim();
}

const groupKey = (library: SourceLibrary): string => `${library.districtCode}|${withoutSpaces(baseName(library.name))}`;

/** The two lists differ only in how they name the address column and whether they count seats. */
interface LibraryFile {
  file: string;
  addressColumn: string;
  seatsColumn: string | null;
}
const NATIONAL_LIST: LibraryFile = {
  file: 'seoul_libraries_national_std.csv',
  addressColumn: 'road_address',
  seatsColumn: 'seats',
};
const SEOUL_LIST: LibraryFile = {
  file: 'seoul_public_libraries_seoul_opendata.csv',
  addressColumn: 'address',
  seatsColumn: null,
};

function readLibraries({ file, addressColumn, seatsColumn }: LibraryFile): SourceLibrary[] {
  const columns = ['name_ko', 'library_type_ko', 'phone', 'homepage', 'lat', 'lng', 'gu_code', addressColumn];
  return readDataCsv(file, seatsColumn ? [...columns, seatsColumn] : columns).flatMap((row) => {
    const point = pointOrNull(row.lat, row.lng);
    if (!point) return [];
    return [
      {
        name: row.name_ko.trim(),
        type: row.library_type_ko.trim(),
        districtCode: row.gu_code,
        address: textOrNull(row[addressColumn]),
        phone: textOrNull(row.phone),
        homepage: textOrNull(row.homepage),
        seats: seatsColumn ? seatsOrNull(row[seatsColumn]) : null,
        ...point,
      },
    ];
  });
}

function groupLibraries(national: SourceLibrary[], seoul: SourceLibrary[]): LibraryGroup[] {
  const byKey = new Map<string, LibraryGroup>();
  for (const library of national) {
    const group = byKey.get(groupKey(library));
    if (group) group.national.push(library);
    else byKey.set(groupKey(library), { national: [library], seoul: null });
  }
  const nationalGroups = [...byKey.values()];
  const seoulOnly: LibraryGroup[] = [];
  for (const library of seoul) {
    // by point only across the two files: within the national file, different
    // small libraries often share one geocoded point
    const match = byKey.get(groupKey(library)) ?? nearestUnmatched(nationalGroups, library);
    if (match && !match.seoul) match.seoul = library;
    else seoulOnly.push({ national: [], seoul: library });
  }
  return [...nationalGroups, ...seoulOnly];
}

function nearestUnmatched(groups: LibraryGroup[], point: GeoPoint): LibraryGroup | undefined {
  let best: LibraryGroup | undefined;
  let bestDistance = SAME_PLACE_METERS;
  for (const group of groups) {
    const distance = distanceMeters(group.national[0], point);
    if (!group.seoul && distance < bestDistance) {
      best = group;
      bestDistance = distance;
    }
  }
  return best;
}

function mergeGroup({ national, seoul }: LibraryGroup): Omit<LibraryRow, 'id' | 'dongCode'> {
  const primary = national[0] ?? seoul;
  if (!primary) throw new Error('empty library group');
  const first = <K extends 'address' | 'phone' | 'homepage'>(key: K) =>
    national.find((row) => row[key])?.[key] ?? seoul?.[key] ?? null;
  const seatCounts = national.map((row) => row.seats).filter((seats): seats is number => seats !== null);
  return {
    // Seoul's list names the library as a whole; section rows fall back to their shared base name
    name: seoul?.name ?? (national.length > 1 ? baseName(primary.name) : primary.name),
    // unknown types (some national rows carry a gu name there) count as public libraries
    kind: KINDS[primary.type] ?? 'PUBLIC',
    districtCode: primary.districtCode,
    address: first('address'),
    phone: first('phone'),
    homepage: first('homepage'),
    seats: seatCounts.length > 0 ? seatCounts.reduce((sum, seats) => sum + seats, 0) : null,
    lat: primary.lat,
    lng: primary.lng,
  };
}

export function loadLibraries(placer: Placer): LibraryRow[] {
  const placed = groupLibraries(readLibraries(NATIONAL_LIST), readLibraries(SEOUL_LIST)).flatMap((group) => {
    const library = mergeGroup(group);
    const placement = placer.place(library, library.districtCode);
    return placement ? [{ ...library, ...placement }] : [];
  });
  return numberByDistrictAndName(placed, 'LIB');
}
