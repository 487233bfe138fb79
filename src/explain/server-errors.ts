import { DeadlineExceeded } from './guarded-session.js';

/**
 * What of a server error may reach a report: its SQLSTATE and the condition's name, never the message.
 * A message can carry server-side text (issue #10: `pg_read_file(…)::int` put a file's content into the
 * report through "invalid input syntax for type integer: <content>"), and reports are posted to PRs.
 */
const CONDITIONS: Record<string, string> = {
  '08000': 'connection exception',
  '08001': 'could not connect',
  '08006': 'connection failure',
  '0A000': 'feature not supported',
  '21000': 'cardinality violation',
  '22003': 'numeric value out of range',
  '22007': 'invalid datetime format',
  '22008': 'datetime field overflow',
  '22012': 'division by zero',
  '22023': 'invalid parameter value',
  '22P02': 'invalid text representation',
  '23502': 'not null violation',
  '23505': 'unique violation',
  '25006': 'read-only transaction',
  '28000': 'invalid authorization',
  '28P01': 'invalid password',
  '3D000': 'database does not exist',
  '3F000': 'schema does not exist',
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '42501': 'insufficient privilege',
  '42601': 'syntax error',
  '42702': 'ambiguous column',
  '42703': 'column does not exist',
  '42704': 'object does not exist',
  '42803': 'grouping error',
  '42804': 'datatype mismatch',
  '42809': 'wrong object type',
  '42883': 'function does not exist',
  '42P01': 'table does not exist',
  '42P02': 'parameter does not exist',
  '42P18': 'indeterminate parameter type',
  '53100': 'disk full',
  '53200': 'out of memory',
  '53300': 'too many connections',
  '54000': 'program limit exceeded',
  '55P03': 'lock not available',
  '57014': 'query cancelled',
  '57P01': 'session terminated by the server',
  'XX000': 'internal error',
};

/** The first two characters of a SQLSTATE name its class (PostgreSQL docs, Appendix A). */
const CLASSES: Record<string, string> = {
  '08': 'connection exception',
  '0A': 'feature not supported',
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '25': 'invalid transaction state',
  '28': 'invalid authorization',
  '2B': 'dependent privilege descriptors still exist',
  '34': 'invalid cursor name',
  '38': 'external routine exception',
  '39': 'external routine invocation exception',
  '3D': 'invalid catalog name',
  '3F': 'invalid schema name',
  '40': 'transaction rollback',
  '42': 'syntax error or access rule violation',
  '53': 'insufficient resources',
  '54': 'program limit exceeded',
  '55': 'object not in prerequisite state',
  '57': 'operator intervention',
  '58': 'system error',
  F0: 'configuration file error',
  HV: 'foreign data wrapper error',
  P0: 'PL/pgSQL error',
  XX: 'internal error',
};

/** "insufficient privilege (SQLSTATE 42501)"; for errors that are not the server's, a fixed description. */
export function serverErrorClass(error: unknown): string {
  if (error instanceof DeadlineExceeded) return error.message;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const name = CONDITIONS[code] ?? CLASSES[code.slice(0, 2)] ?? 'server error';
    return `${name} (SQLSTATE ${code})`;
  }
  // Client-side failures (connection refused, socket closed) carry no server text; keep their kind only.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `connection failed (${code})`;
  return 'the server connection failed';
}
