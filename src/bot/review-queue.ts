/**
 * In-process bookkeeping for webhook work: deliveries already handled (GitHub redelivers with the
 * same `X-GitHub-Delivery` id), the newest head commit seen per pull request, and one job at a time
 * per pull request so two quick pushes are reviewed in order and the older never writes last.
 */
export class ReviewQueue {
  readonly #seenDeliveries = new Set<string>();
  readonly #deliveryOrder: string[] = [];
  readonly #latestHead = new Map<string, string>();
  readonly #tails = new Map<string, Promise<void>>();
  readonly #running = new Set<Promise<void>>();
  readonly #checkRuns = new Set<number>();

  constructor(private readonly maxRemembered = 10_000) {}

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

  /** Runs `job` after the jobs already queued for the same pull request; never rejects. */
  enqueue(prKey: string, job: () => Promise<void>, onError: (error: unknown) => void): void {
    const previous = this.#tails.get(prKey) ?? Promise.resolve();
    const run = previous.then(job).catch(onError);
    this.#tails.set(prKey, run);
    this.#running.add(run);
    void run.finally(() => {
      this.#running.delete(run);
      if (this.#tails.get(prKey) === run) this.#tails.delete(prKey);
    });
  }

  /** Resolves when no job is queued or running (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
