import { containsText } from '../../lib/subgraph/text';

/** A "column contains text" condition to spread into a filter; nothing for no text. */
export function containing(column: string, text: string | null | undefined): Record<string, never[]> {
  return text ? containsText(column, text) : {};
}

/** Drops undefined conditions, so a filter object lists only what the client asked for. */
export function definedOnly<T extends object>(conditions: T): T {
  return Object.fromEntries(Object.entries(conditions).filter(([, value]) => value !== undefined)) as T;
}
