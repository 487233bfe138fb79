import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';

/**
 * How writes (POST, PATCH, PUT, DELETE) are paced. GitHub's secondary-rate-limit guidance: make
 * requests serially, not concurrently; when making *a large number* of mutative requests wait a second
 * between them; at most 80 content-creating requests a minute. A review writes a handful (check run,
 * its update, the sticky comment, one review with the inline comments), so a burst goes out at once,
 * one after another, and only a longer run of writes is spaced one a second: ≤ burst + 60 a minute.
 */
export interface WritePacing {
  burst: number;
  perSecond: number;
}

export const WRITE_PACING: WritePacing = { burst: 15, perSecond: 1 };
/**
 * Writes that notify people (comments, reviews) are also content-creating requests (GitHub: at most 80 a
 * minute, 500 an hour): a smaller burst, the same refill. The plugin's default was a fixed 3 s between them.
 */
export const CONTENT_PACING: WritePacing = { burst: 10, perSecond: 1 };
/** How often a request refused by a (secondary) rate limit is tried again, after the wait GitHub asks for. */
export const RATE_LIMIT_RETRIES = 3;

/** Serialised writes with a refilling allowance: `burst` at once, then `perSecond`. */
export function writeLimiter(pacing: WritePacing = WRITE_PACING): Bottleneck.Group {
  return new Bottleneck.Group({
    maxConcurrent: 1,
    minTime: 0,
    reservoir: pacing.burst,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: Math.round(1000 / pacing.perSecond),
    reservoirIncreaseMaximum: pacing.burst,
  });
}

// One allowance per process: every installation's client writes through it.
let sharedWrites: Bottleneck.Group | undefined;
let sharedContent: Bottleneck.Group | undefined;

type Handler = (retryAfter: number, options: { method: string; url: string }, octokit: { log: { warn(msg: string): void } }, retryCount: number) => boolean;

/**
 * A refused request waits what GitHub says — `retry-after`, else until `x-ratelimit-reset`, else a
 * minute (the throttling plugin reads the headers) — and is retried a few times, then fails.
 */
const retryLimited =
  (kind: string): Handler =>
  (retryAfter, options, octokit, retryCount) => {
    if (retryCount >= RATE_LIMIT_RETRIES) return false;
    octokit.log.warn(`GitHub ${kind} rate limit on ${options.method} ${options.url}: retrying in ${retryAfter} s (attempt ${retryCount + 2} of ${RATE_LIMIT_RETRIES + 1})`);
    return true;
  };

/**
 * Probot's Octokit (auth, retry of 5xx, pagination, throttling plugin) with Plumbline's write pacing
 * and rate-limit handling in place of the plugin's fixed pacing (a write a second, a comment every
 * three seconds) and probot's no-retry on secondary limits. Used by the App and the Action.
 */
export const PlumblineOctokit = ProbotOctokit.defaults((options: { throttle?: Record<string, unknown> }) => ({
  ...options,
  throttle: {
    ...options.throttle,
    write: options.throttle?.write ?? (sharedWrites ??= writeLimiter()),
    notifications: options.throttle?.notifications ?? (sharedContent ??= writeLimiter(CONTENT_PACING)),
    onSecondaryRateLimit: retryLimited('secondary'),
    onRateLimit: retryLimited('primary'),
  },
})) as typeof ProbotOctokit;
