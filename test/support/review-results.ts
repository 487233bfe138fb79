import { evaluateChecklist, type Checklist } from '../../src/core/checklist-status.js';
import type { Finding } from '../../src/core/finding.js';
import type { CodeFrame, ExplainedQuery, ReviewResult, RuleInfo } from '../../src/core/review-result.js';

/** Hand-built review results for the reporter tests: formatters see nothing but this shape. */

export const CHECKLIST: Checklist = {
  id: 'default',
  title: 'Code Review Checklist',
  sections: [
    {
      id: 'correct',
      title: 'Is it correct?',
      items: [
        { id: 'correct.edge-cases', title: 'Edge cases handled (null, empty, boundary values)?', rules: [], manual: true },
        { id: 'correct.silent-failures', title: 'No silent failures (uncaught promise rejections)?', rules: ['silent-failure'], manual: false },
      ],
    },
    {
      id: 'performs',
      title: 'Will it perform?',
      items: [
        { id: 'performs.indexes', title: 'DB queries have appropriate indexes?', rules: ['query-plan/*'], manual: false },
        { id: 'performs.n-plus-one', title: "Loops aren't hiding N+1 patterns?", rules: ['n-plus-one'], manual: false },
      ],
    },
    {
      id: 'safe',
      title: 'Is it safe?',
      items: [
        { id: 'safe.sql-concatenation', title: 'No direct string concatenation in SQL?', rules: ['string-built-sql'], manual: false },
        { id: 'safe.sensitive-logs', title: 'Sensitive data (PII, tokens) not logged?', rules: ['pii-in-logs'], manual: false },
      ],
    },
    {
      id: 'maintainable',
      title: 'Is it maintainable?',
      items: [{ id: 'maintainable.why-comments', title: 'Complex logic has a comment explaining *why*, not what?', rules: [], manual: true }],
    },
  ],
};

const DOCS = 'https://github.com/plumbline-dev/plumbline/blob/main/src/checks';

export const RULES: RuleInfo[] = [
  { id: 'silent-failure', title: 'Silent failure', description: 'A caught error is dropped without logging or rethrowing.', checklistItem: 'correct.silent-failures', defaultSeverity: 'warning', helpUri: `${DOCS}/silent-failure/docs.md` },
  { id: 'n-plus-one', title: 'Query in a loop (N+1)', description: 'A database call runs once per element of a collection.', checklistItem: 'performs.n-plus-one', defaultSeverity: 'error', helpUri: `${DOCS}/n-plus-one/docs.md` },
  { id: 'string-built-sql', title: 'SQL built from strings', description: 'SQL text is concatenated from values instead of parameters.', checklistItem: 'safe.sql-concatenation', defaultSeverity: 'error', helpUri: `${DOCS}/string-built-sql/docs.md` },
  { id: 'pii-in-logs', title: 'PII in logs', description: 'Personal data or secrets reach a logger.', checklistItem: 'safe.sensitive-logs', defaultSeverity: 'warning', helpUri: `${DOCS}/pii-in-logs/docs.md` },
];

let counter = 0;

/** A finding with sensible defaults; the checklist item follows the rule as the pipeline would. */
export function finding(fields: Partial<Finding> & Pick<Finding, 'path' | 'line'>): Finding {
  const ruleId = fields.ruleId ?? 'n-plus-one';
  const column = fields.column ?? 1;
  return {
    ruleId,
    severity: 'error',
    column,
    endLine: fields.line,
    endColumn: column + 1,
    message: 'Something is wrong.',
    checklistItem: RULES.find((r) => r.id === ruleId)?.checklistItem ?? '',
    fingerprint: `fp${String(++counter).padStart(4, '0')}`,
    ...fields,
  };
}

export function reviewResult(fields: Partial<ReviewResult> & { findings?: Finding[] } = {}): ReviewResult {
  const findings = fields.findings ?? [];
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return {
    version: 1,
    findings,
    checklist: evaluateChecklist(CHECKLIST, findings, RULES.map((r) => r.id)),
    checklistTitle: CHECKLIST.title,
    source: 'origin/main...HEAD',
    notices: [],
    explained: [],
    rules: RULES,
    frames: {},
    stats: { filesChanged: 4, filesReviewed: 3, findings: findings.length, bySeverity, suppressed: 0, baselined: 0, durationMs: 120, contextFiles: 0, phases: { dependents: 5, projectLoad: 60, checks: {}, explain: 0, report: 5 } },
    ...fields,
  };
}

/** The running example: an N+1 with related locations, a logged email, SQL built from input, a swallowed error. */
export function sampleResult(): ReviewResult {
  const nPlusOne = finding({
    ruleId: 'n-plus-one',
    severity: 'error',
    path: 'src/orders/service.ts',
    line: 12,
    column: 26,
    endColumn: 73,
    message: '`db.order.findMany` runs once per element of `users`: 1 query per user instead of 1 in total.',
    suggestion: 'Load the orders of all users at once: `db.order.findMany({ where: { userId: { in: ids } } })`, then group them by `userId`.',
    related: [
      { path: 'src/orders/service.ts', line: 11, column: 3, message: 'the loop over `users`' },
      { path: 'src/orders/repository.ts', line: 40, message: 'the query it reaches' },
    ],
    fingerprint: 'a1b2c3d4e5f6a7b8c9d0',
  });
  const pii = finding({
    ruleId: 'pii-in-logs',
    severity: 'warning',
    path: 'src/orders/service.ts',
    line: 20,
    column: 5,
    endColumn: 41,
    message: '`user.email` is written to the log by `logger.info`.',
    suggestion: 'Log `user.id` instead, or mask the address.',
    fingerprint: 'b1b2c3d4e5f6a7b8c9d0',
  });
  const sql = finding({
    ruleId: 'string-built-sql',
    severity: 'error',
    path: 'src/reports/daily.ts',
    line: 8,
    column: 22,
    endLine: 9,
    endColumn: 30,
    message: 'SQL text is built from `req.query.sort`: a crafted value changes the query.',
    suggestion: 'Pass values as parameters (`$1`) and pick ORDER BY columns from a fixed list.',
    fingerprint: 'c1b2c3d4e5f6a7b8c9d0',
  });
  const silent = finding({
    ruleId: 'silent-failure',
    severity: 'info',
    path: 'src/util/retry.ts',
    line: 4,
    column: 5,
    endColumn: 17,
    message: 'This `catch` returns `null` without logging: is the failure expected here?',
    fingerprint: 'd1b2c3d4e5f6a7b8c9d0',
  });
  const frames: Record<string, CodeFrame> = {
    [nPlusOne.fingerprint]: {
      startLine: 10,
      lines: [
        'export async function ordersByUser(users: User[]) {',
        '  for (const user of users) {',
        '    const orders = await db.order.findMany({ where: { userId: user.id } });',
        '    result.set(user.id, orders);',
        '  }',
      ],
    },
    [pii.fingerprint]: { startLine: 19, lines: ['  if (!user.verified) {', "    logger.info('signup', user.email);", '  }'] },
    [sql.fingerprint]: {
      startLine: 7,
      lines: ['export function daily(req: Request) {', '  return pool.query(`SELECT * FROM orders', '    ORDER BY ${req.query.sort}`);', '}'],
    },
  };
  return reviewResult({
    findings: [nPlusOne, pii, sql, silent],
    frames,
    notices: ['src/generated/huge.ts is over 1 MB and was skipped.'],
  });
}

export function explainedQuery(fields: Partial<ExplainedQuery> = {}): ExplainedQuery {
  return {
    path: 'src/reports/daily.ts',
    line: 8,
    name: 'dailyReport',
    sql: 'SELECT o.* FROM orders o LEFT JOIN users u ON u.id = o.user_id ORDER BY o.created_at DESC',
    status: 'ok',
    notes: [],
    parameters: [{ name: '$1', value: '42', source: 'most common value of orders.user_id' }],
    totalMs: 412.4,
    planText: 'Sort  (actual time=401.2..410.9 rows=2400000)\n▶ ->  Seq Scan on orders o  (actual time=0.01..180.3 rows=2400000)',
    ...fields,
  };
}
