import { UserError } from '../core/errors.js';
import type { ExplainSection } from '../core/config/explain-section.js';
import { GuardedSession, type Timeouts } from './guarded-session.js';
import { inspectRole, privilegedRoleAllowed, roleRefusal } from './role-check.js';
import { stagingUp } from './staging/staging-service.js';

/**
 * Where EXPLAIN runs, and as whom: the user's database (its role checked, a privileged one refused
 * unless declared disposable), or the embedded staging database as the read-only role Plumbline
 * created there. Returns an open guarded session for the stage's own lookups (realism gate).
 */
export interface ExplainTarget {
  connection: { connectionString: string };
  session: GuardedSession;
  notices: string[];
}

export interface ExplainTargetOptions {
  root: string;
  section: ExplainSection;
  timeouts: Timeouts;
  databaseUrl?: string;
  allowPrivilegedRole?: boolean;
  onProgress?: (message: string) => void;
}

export async function openExplainTarget(options: ExplainTargetOptions): Promise<ExplainTarget> {
  const notices: string[] = [];
  let url = options.databaseUrl;
  if (!url) {
    options.onProgress?.('starting the embedded staging database…');
    const up = await stagingUp(options.root, options.section);
    url = up.explainUrl;
    notices.push(`EXPLAIN ran on the embedded staging database (${up.binaries.source} ${up.binaries.binDir}) as its read-only role; applied: ${up.applied.join(', ') || 'nothing new'}`);
  }
  const connection = { connectionString: url };
  let session: GuardedSession;
  try {
    session = await GuardedSession.open(connection, options.timeouts);
  } catch (error) {
    throw new UserError(`could not connect to the staging database: ${(error as Error).message.split('\n')[0]}`, 'Check --database-url / PLUMBLINE_DATABASE_URL (src/explain/README.md).');
  }
  if (options.databaseUrl) {
    try {
      const role = await inspectRole(session);
      if (role.excess.length > 0) {
        if (!(options.allowPrivilegedRole ?? privilegedRoleAllowed(undefined))) throw new UserError(roleRefusal(role));
        notices.push(`explain: connected as \`${role.name}\` (${role.excess.join('; ')}) because the database was declared disposable; the statement checks still apply`);
      }
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  return { connection, session, notices };
}
