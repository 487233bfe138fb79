import { describe, expect, it } from 'vitest';
import { ReviewQueue } from './review-queue.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReviewQueue', () => {
  it('runs the jobs of one pull request in order, and at most maxConcurrent at once overall', async () => {
    const queue = new ReviewQueue(2);
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const job = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
    };
    queue.enqueue('a#1', job('a1'), () => undefined);
    queue.enqueue('a#1', job('a2'), () => undefined);
    queue.enqueue('b#1', job('b1'), () => undefined);
    queue.enqueue('c#1', job('c1'), () => undefined);
    await queue.idle();
    expect(peak).toBe(2);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.filter((l) => l.startsWith('end'))).toHaveLength(4);
  });

  it('reports a failing job and keeps going', async () => {
    const queue = new ReviewQueue();
    const errors: unknown[] = [];
    let after = false;
    queue.enqueue('a#1', async () => { throw new Error('boom'); }, (e) => errors.push(e));
    queue.enqueue('a#1', async () => { after = true; }, (e) => errors.push(e));
    await queue.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom']);
    expect(after).toBe(true);
  });

  it('knows a redelivery and the newest head', () => {
    const queue = new ReviewQueue(2, 2);
    expect(queue.firstDelivery('d1')).toBe(true);
    expect(queue.firstDelivery('d1')).toBe(false);
    queue.firstDelivery('d2');
    queue.firstDelivery('d3');
    // Only the most recent ids are remembered.
    expect(queue.firstDelivery('d1')).toBe(true);
    queue.markHead('a#1', 'old');
    queue.markHead('a#1', 'new');
    expect(queue.isLatestHead('a#1', 'old')).toBe(false);
    expect(queue.isLatestHead('a#1', 'new')).toBe(true);
  });
});
