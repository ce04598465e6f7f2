// State that must exist once per process. Next bundles proxy.ts, each route
// handler, instrumentation and the pages apart, and bundles do not share module
// state: a module-level variable would be one per bundle. These values live on
// globalThis instead, under one key, each by its name.
const holder = globalThis as typeof globalThis & { __authzProcessState?: Map<string, unknown> };
const values = () => (holder.__authzProcessState ??= new Map());

/** A named value of this process, the same from every bundle (tests reset it with `set(undefined)`). */
type ProcessSlot<T> = { get(): T | undefined; set(value: T | undefined): void };

export function processSlot<T>(name: string): ProcessSlot<T> {
  return {
    get: () => values().get(name) as T | undefined,
    set: (value) => {
      if (value === undefined) values().delete(name);
      else values().set(name, value);
    },
  };
}

/** The process's one value of `slot`, made by `create` on first use. */
export function onePerProcess<T>(slot: ProcessSlot<T>, create: () => T): T {
  let value = slot.get();
  if (value === undefined) {
    value = create();
    slot.set(value);
  }
  return value;
}

/**
 * The process's one value of `slot`, made asynchronously by `create` on first
 * use; a failed attempt is forgotten, so that the next call tries again.
 */
export function onePerProcessRetried<T>(slot: ProcessSlot<Promise<T>>, create: () => Promise<T>): Promise<T> {
  const existing = slot.get();
  if (existing) return existing;
  const attempt = create().catch((error: unknown) => {
    if (slot.get() === attempt) slot.set(undefined);
    throw error;
  });
  slot.set(attempt);
  return attempt;
}
