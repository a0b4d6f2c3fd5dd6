import type { MonitoringResponse } from '@gatehouse/contracts';

/** Adds or removes one id, keeping the order in which the rest were picked. */
export function toggleSelection(selected: readonly string[], id: string, checked: boolean): string[] {
  const without = selected.filter((x) => x !== id);
  return checked ? [...without, id] : without;
}

/** How many selected monitorings each category holds, for the badges beside the categories. */
export function selectedPerCategory(catalog: readonly MonitoringResponse[], selected: readonly string[]): Map<string, number> {
  const categoryOf = new Map(catalog.map((m) => [m.id, m.category.key]));
  const counts = new Map<string, number>();
  for (const id of new Set(selected)) {
    const key = categoryOf.get(id);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
