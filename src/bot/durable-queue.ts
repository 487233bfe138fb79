import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { JobQueue, ReviewTask } from './review-task.js';

export const QUEUE_NAME = 'plumbline-review';
/** Its own schema, so the queue can share a database with anything else. */
export const QUEUE_SCHEMA = 'plumbline_queue';

export interface DurableQueueOptions {
  /** PLUMBLINE_QUEUE_URL: a PostgreSQL connection string. */
  url: string;
  /**
   * PLUMBLINE_QUEUE_JOB_TIMEOUT: seconds a review may stay active; after it the job is taken to have died
   * with its worker and is given to another (at most `retries` times). Longer than the slowest review.
   */
  jobTimeoutSeconds?: number;
  retries?: number;
  /** Reviews one process analyses at once (CPU-bound). */
  concurrency?: number;
  log: { info(msg: string): void; error(obj: unknown, msg?: string): void };
}

export const DEFAULTS = { jobTimeoutSeconds: 600, retries: 2, concurrency: 2 };

/**
 * Reviews as jobs in PostgreSQL (pg-boss), shared by every `plumbline bot` process that points at the
 * same database: a job is taken by one worker (`FOR UPDATE SKIP LOCKED`); a worker killed mid-review
 * leaves its job active until `jobTimeoutSeconds`, when pg-boss's maintenance puts it back for another;
 * a stopped or restarted process loses nothing, since the job is committed before the webhook is answered.
 * Which head is newest comes from GitHub when the job starts (review-task.ts), not from process memory.
 */
export class DurableReviewQueue implements JobQueue {
  readonly durable = true;
  readonly #boss: PgBoss;
  readonly #options: Required<Omit<DurableQueueOptions, 'log'>> & Pick<DurableQueueOptions, 'log'>;
  readonly #workers: string[] = [];
  readonly #running = new Set<Promise<void>>();

  private constructor(options: DurableQueueOptions) {
    this.#options = { ...DEFAULTS, ...options };
    const timeout = this.#options.jobTimeoutSeconds;
    this.#boss = new PgBoss({
      connectionString: options.url,
      schema: QUEUE_SCHEMA,
      // Expired jobs are found by maintenance: run it often enough that a dead worker's job waits about one timeout.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(timeout / 3))),
      archiveCompletedAfterSeconds: 60 * 60 * 24,
      archiveFailedAfterSeconds: 60 * 60 * 24 * 7,
      deleteAfterDays: 7,
    });
    this.#boss.on('error', (error) => options.log.error(error, 'review queue error'));
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
    return queue;
  }

  /** Starts taking jobs: `concurrency` workers in this process, each one job at a time. */
  async consume(run: (task: ReviewTask, attempt: number) => Promise<void>): Promise<void> {
    for (let i = 0; i < this.#options.concurrency; i++) {
      const id = await this.#boss.work<ReviewTask>(QUEUE_NAME, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
        const running = run(job.data, job.retryCount + 1);
        this.#running.add(running);
        try {
          await running;
        } finally {
          this.#running.delete(running);
        }
      });
      this.#workers.push(id);
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
    await this.#boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }
}

/** GitHub's delivery ids are GUIDs; anything else is hashed into one. */
function uuidOf(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const hex = createHash('sha256').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
