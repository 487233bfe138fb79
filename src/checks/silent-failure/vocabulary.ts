import { z } from 'zod';
import { callPatternSchema, type CallPattern } from '../../analysis/call-matcher.js';
import { catalogSection, type Catalog } from '../../core/catalog.js';

/** What the check reads from rules/silent-failure.yml (and rules/loggers.yml for the suggested fix). */
export interface Vocabulary {
  noopHandlers: string[];
  cleanupMethods: string[];
  fallbackFunctions: string[];
  nonPromiseModules: string[];
  voidCallbacks: string[];
  routeMethods: string[];
  loggers: CallPattern[];
}

export const name = z.string().min(1);
// loggers.yml entries carry extra keys for pii-in-logs; this check only needs the call pattern.
export const loggerPattern = z.object(callPatternSchema.shape);

export function vocabularyOf(catalog: Catalog): Vocabulary {
  return {
    noopHandlers: catalogSection(catalog, 'silent-failure-noop-handlers', name.parse),
    cleanupMethods: catalogSection(catalog, 'silent-failure-cleanup-methods', name.parse),
    fallbackFunctions: catalogSection(catalog, 'silent-failure-fallback-functions', name.parse),
    nonPromiseModules: catalogSection(catalog, 'silent-failure-non-promise-modules', name.parse),
    voidCallbacks: catalogSection(catalog, 'silent-failure-void-callbacks', name.parse),
    routeMethods: catalogSection(catalog, 'silent-failure-route-methods', name.parse),
    loggers: catalogSection(catalog, 'loggers', loggerPattern.parse),
  };
}

export { matchesPrefixGlob } from '../../analysis/function-names.js';
