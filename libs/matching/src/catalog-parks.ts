import type { MatchPark } from './types.js';

/** Structural view of config/parks.json as #catalog parses it (kept structural so this library needs no import of it). */
export interface CatalogLike {
  parks: { id: string; name: string; board: string; directions: { text: string; name: string; subDirections: string[]; en: string }[] }[];
}

/**
 * Park profiles from the parsed catalog, optionally enriched with each park's outcomes (park id → texts): projects it
 * signed, and leads it declined as outside its direction.
 */
export function parksFromCatalog(catalog: CatalogLike, signed: Readonly<Record<string, string[]>> = {}, declined: Readonly<Record<string, string[]>> = {}): MatchPark[] {
  return catalog.parks.map((p) => ({
    id: p.id,
    name: p.name,
    board: p.board,
    directions: p.directions.map((d) => ({ text: d.text, name: d.name, subDirections: [...d.subDirections], en: d.en })),
    ...(signed[p.id]?.length ? { signedProjects: [...signed[p.id]!] } : {}),
    ...(declined[p.id]?.length ? { declinedProjects: [...declined[p.id]!] } : {}),
  }));
}
