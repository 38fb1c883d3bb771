// Test support: one resource (a database, a pipeline, a platform) for the tests of a describe block.

/**
 * Opens the resource before the block's tests (and before its own beforeAll hooks, which run in the order they are
 * declared) and closes it after them. The object returned stands for the opened resource; touching it earlier throws.
 */
export function forSuite<T extends object>(open: () => Promise<T>, close: (opened: T) => Promise<unknown>, openTimeoutMs?: number): T {
  let opened: T | undefined;
  beforeAll(async () => {
    opened = await open();
  }, openTimeoutMs);
  afterAll(() => opened && close(opened));
  return standIn(() => {
    if (!opened) throw new Error('a suite resource is used before it opened: use it inside a test or a hook');
    return opened;
  });
}

/** An object that forwards every property read to what `target()` returns at that moment (methods bound to it). */
export function standIn<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const t = target();
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
