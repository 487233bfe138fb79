import type { Check } from '../core/check.js';
import silentFailure from './silent-failure/index.js';
import piiInLogs from './pii-in-logs/index.js';
import nPlusOne from './n-plus-one/index.js';
import stringBuiltSql from './string-built-sql/index.js';
import errorHandling from './error-handling/index.js';
import unboundedQuery from './unbounded-query/index.js';
import unvalidatedInput from './unvalidated-input/index.js';
import magicNumber from './magic-number/index.js';
import unstructuredLog from './unstructured-log/index.js';
import moduleBoundary from './module-boundary/index.js';

/** Every built-in check. Adding a check is one folder under src/checks/ and one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const checks: Check<any>[] = [
  silentFailure,
  piiInLogs,
  nPlusOne,
  stringBuiltSql,
  errorHandling,
  unboundedQuery,
  unvalidatedInput,
  magicNumber,
  unstructuredLog,
  moduleBoundary,
];
