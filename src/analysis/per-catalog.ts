import type { Catalog } from '../core/catalog.js';

/**
 * `build` run once per catalog (one review, one test case): what is derived from catalog sections
 * (validated entries, glob matchers, indexes) is computed on first use and kept while the catalog lives.
 */
export function perCatalog<T>(build: (catalog: Catalog) => T): (catalog: Catalog) => T {
  const cache = new WeakMap<Catalog, T>();
  return (catalog) => {
    let value = cache.get(catalog);
    if (value === undefined) cache.set(catalog, (value = build(catalog)));
    return value;
  };
}
