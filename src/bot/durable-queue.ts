import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobQueue, ReviewTask } from './review-task.js';

export const QUEUE_NAME = 'plumbline-review';
/** Its own schema, so the queue can share a database with anything else. */
export const QUEUE_SCHEMA = 'plumbline_queue';
/** First key of the advisory locks that say "this job's worker is alive" ('PLMB'). */
const LIVENESS_LOCKS = 0x504c4d42;
/** A job just taken has not locked yet: not judged before this many seconds. */
const LIVENESS_GRACE_SECONDS = 10;
const SWEEP_EVERY_MS = 2_000;

export interface DurableQueueOptions {
  /** PLUMBLINE_QUEUE_URL: a PostgreSQL connection string. */
  url: string;
  /**
   * PLUMBLINE_QUEUE_JOB_TIMEOUT: seconds after which a review still running is taken to be stuck and is
   * given to another worker (a dead worker's job is given away within seconds, see below).
   */
  jobTimeoutSeconds?: number;
  /** Times a job is handed to another worker after its worker died or got stuck. */
  retries?: number;
  /** Reviews one process analyses at once (CPU-bound). */
  concurrency?: number;
  log: { info(msg: string): void; error(obj: unknown, msg?: string): void };
}

export const DEFAULTS = { jobTimeoutSeconds: 1800, retries: 2, concurrency: 2 };

/**
 * Reviews as jobs in PostgreSQL (pg-boss), shared by every `plumbline bot` process that points at the
 * same database: a job is taken by one worker (`FOR UPDATE SKIP LOCKED`); it is committed before the
 * webhook is answered, so a stopped or restarted process loses nothing.
 * A worker holds a shared advisory lock on its database session for each job it runs; when the process
 * dies its session ends and the lock goes with it, and any worker's sweep hands the job back to pg-boss
 * (`fail`, which retries it). This needs no timer in the worker, whose event loop the analysis blocks.
 * Which head is newest comes from GitHub when the job starts (review-task.ts), not from process memory.
 */
export class DurableReviewQueue implements JobQueue {
  readonly durable = true;
  readonly #boss: PgBoss;
  readonly #liveness: pg.Client;
  readonly #options: Required<Omit<DurableQueueOptions, 'log'>> & Pick<DurableQueueOptions, 'log'>;
  readonly #workers: string[] = [];
  readonly #running = new Set<Promise<void>>();
  #sweeper?: NodeJS.Timeout;

  private constructor(options: DurableQueueOptions) {
    this.#options = { ...DEFAULTS, ...options };
    this.#boss = new PgBoss({
      connectionString: options.url,
      schema: QUEUE_SCHEMA,
      maintenanceIntervalSeconds: 30,
      archiveCompletedAfterSeconds: 60 * 60 * 24,
      archiveFailedAfterSeconds: 60 * 60 * 24 * 7,
      deleteAfterDays: 7,
    });
    this.#boss.on('error', (error) => options.log.error(error, 'review queue error'));
    this.#liveness = new pg.Client({ connectionString: options.url, application_name: 'plumbline-bot liveness' });
    this.#liveness.on('error', (error) => options.log.error(error, 'review queue liveness connection'));
  }

  /** Connects, creates the schema and queue on first use (migrations are pg-boss's), and returns the queue. */
  static async start(options: DurableQueueOptions): Promise<DurableReviewQueue> {
    const queue = new DurableReviewQueue(options);
    await queue.#boss.start();
    await queue.#boss.createQueue(QUEUE_NAME, {
      name: QUEUE_NAME,
      policy: 'standard',
      retryLimit: queue.#options.retries,
      retryDelay: 1,
      expireInSeconds: queue.#options.jobTimeoutSeconds,
      // A review still queued after a week is of a pull request that has long moved on.
      retentionDays: 7,
    });
    await queue.#liveness.connect();
    queue.#sweeper = setInterval(() => void queue.#sweep(), SWEEP_EVERY_MS).unref();
    return queue;
  }

  /** Starts taking jobs: `concurrency` workers in this process, each one job at a time. */
  async consume(run: (task: ReviewTask, attempt: number) => Promise<void>): Promise<void> {
    for (let i = 0; i < this.#options.concurrency; i++) {
      const id = await this.#boss.work<ReviewTask>(QUEUE_NAME, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
        if (!(await this.#holdJob(job.id, job.retryCount))) return;
        const running = run(job.data, job.retryCount + 1);
        this.#running.add(running);
        try {
          await running;
        } finally {
          this.#running.delete(running);
          await this.#liveness.query('SELECT pg_advisory_unlock_shared($1, hashtext($2))', [LIVENESS_LOCKS, job.id]).catch(() => undefined);
        }
      });
      this.#workers.push(id);
    }
  }

  /** Takes the job's liveness lock; false when a sweep already gave the job away (we were too slow to lock). */
  async #holdJob(id: string, retryCount: number): Promise<boolean> {
    await this.#liveness.query('SELECT pg_advisory_lock_shared($1, hashtext($2))', [LIVENESS_LOCKS, id]);
    const still = await this.#liveness.query(`SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3`, [QUEUE_NAME, id, retryCount]);
    if (still.rowCount) return true;
    await this.#liveness.query('SELECT pg_advisory_unlock_shared($1, hashtext($2))', [LIVENESS_LOCKS, id]);
    return false;
  }

  /** Active jobs whose worker's session is gone go back to the queue (pg-boss retries failed jobs). */
  async #sweep(): Promise<void> {
    try {
      const orphans = await this.#liveness.query<{ id: string }>(
        `SELECT j.id FROM ${QUEUE_SCHEMA}.job j
          WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - make_interval(secs => $2)
            AND NOT EXISTS (
              SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND l.classid = $3::bigint::oid AND l.objid = (hashtext(j.id::text)::bigint & 4294967295)::oid AND l.objsubid = 2)`,
        [QUEUE_NAME, LIVENESS_GRACE_SECONDS, LIVENESS_LOCKS],
      );
      if (orphans.rowCount === 0) return;
      const ids = orphans.rows.map((r) => r.id);
      this.#options.log.info(`${ids.length} review job(s) lost their worker; handing them to another`);
      for (const id of ids) await this.#boss.fail(QUEUE_NAME, id, { message: 'the worker running this review stopped' });
    } catch (error) {
      this.#options.log.error(error, 'review queue sweep failed');
    }
  }

  firstDelivery(): boolean {
    // Redeliveries are recognised by the delivery id on the check run (GitHub's) and by the job id.
    return true;
  }

  isOwnCheckRun(): boolean {
    return true;
  }

  markHead(): void {}

  isLatestHead(): boolean {
    return true;
  }

  async submit(task: ReviewTask): Promise<void> {
    // The job id is derived from the delivery: the same delivery queued twice is one job.
    await this.#boss.send(QUEUE_NAME, task, { id: uuidOf(task.deliveryId) });
    // Wake this process's idle workers now rather than at their next poll.
    for (const id of this.#workers) this.#boss.notifyWorker(id);
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** Stops taking jobs, waits up to `graceMs` for running ones, then hands what is left back to the queue. */
  async stop(graceMs = 30_000): Promise<void> {
    clearInterval(this.#sweeper);
    await this.#boss.stop({ graceful: true, wait: true, timeout: graceMs });
    await this.#liveness.end().catch(() => undefined);
  }
}

/** GitHub's delivery ids are GUIDs; anything else is hashed into one. */
function uuidOf(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const hex = createHash('sha256').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
