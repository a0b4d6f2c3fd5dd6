// Catalog data is a module-level singleton shared by every caller in the process; freezing it
// turns an accidental mutation (which would silently change validation for everyone) into an error.
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
