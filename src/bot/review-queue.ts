import { prKey } from './pull-request-payload.js';
import type { JobQueue, ReviewTask } from './review-task.js';

/**
 * The default queue, in this process's memory (a restart loses what is queued; see durable-queue.ts).
 * In-process bookkeeping for webhook work: deliveries already handled (GitHub redelivers with the
 * same `X-GitHub-Delivery` id), the newest head commit seen per pull request, and one job at a time
 * per pull request so two quick pushes are reviewed in order and the older never writes last.
 */
export class ReviewQueue implements JobQueue {
  readonly durable = false;
  readonly #seenDeliveries = new Set<string>();
  readonly #deliveryOrder: string[] = [];
  readonly #latestHead = new Map<string, string>();
  readonly #tails = new Map<string, Promise<void>>();
  readonly #running = new Set<Promise<void>>();
  readonly #checkRuns = new Set<number>();

  readonly #waiting: Array<() => void> = [];
  #active = 0;

  /**
   * @param maxConcurrent reviews analysed at once across pull requests (the analysis is CPU-bound).
   * @param maxRemembered delivery ids kept for spotting redeliveries.
   */
  constructor(
    private readonly maxConcurrent = 2,
    private readonly maxRemembered = 10_000,
  ) {}

  /** True the first time a delivery id is seen; false for a redelivery. */
  firstDelivery(id: string): boolean {
    if (this.#seenDeliveries.has(id)) return false;
    this.#seenDeliveries.add(id);
    this.#deliveryOrder.push(id);
    if (this.#deliveryOrder.length > this.maxRemembered) this.#seenDeliveries.delete(this.#deliveryOrder.shift()!);
    return true;
  }

  /** Records the newest head of a pull request (events arrive in push order). */
  markHead(prKey: string, sha: string): void {
    this.#latestHead.set(prKey, sha);
  }

  isLatestHead(prKey: string, sha: string): boolean {
    return this.#latestHead.get(prKey) === sha;
  }

  /** Check runs this process is working on; any other `in_progress` one of ours was interrupted. */
  ownCheckRun(id: number): void {
    this.#checkRuns.add(id);
  }

  releaseCheckRun(id: number): void {
    this.#checkRuns.delete(id);
  }

  isOwnCheckRun(id: number): boolean {
    return this.#checkRuns.has(id);
  }

  async submit(task: ReviewTask, run: () => Promise<void>): Promise<void> {
    const key = prKey(task.pr);
    this.ownCheckRun(task.checkRunId);
    this.enqueue(
      key,
      () => run().finally(() => this.releaseCheckRun(task.checkRunId)),
      () => undefined,
    );
  }

  /** Runs `job` after the jobs already queued for the same pull request; never rejects. */
  enqueue(prKey: string, job: () => Promise<void>, onError: (error: unknown) => void): void {
    const previous = this.#tails.get(prKey) ?? Promise.resolve();
    const run = previous.then(() => this.#withSlot(job)).catch(onError);
    this.#tails.set(prKey, run);
    this.#running.add(run);
    void run.finally(() => {
      this.#running.delete(run);
      if (this.#tails.get(prKey) === run) this.#tails.delete(prKey);
    });
  }

  async #withSlot(job: () => Promise<void>): Promise<void> {
    if (this.#active >= this.maxConcurrent) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      await job();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }

  /** Resolves when no job is queued or running (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
