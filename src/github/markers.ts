/**
 * Hidden HTML comments the writer puts in what it posts, so it can find its own comments again
 * (Danger JS does the same): GitHub renders nothing for them, and users rarely type them.
 */
export { SUMMARY_MARKER } from '../report/markdown.js';

const FINDING_MARKER = /<!-- plumbline:finding ([0-9a-f]{6,64}) -->/;

/** Marks an inline comment with the fingerprint of its finding: "new only" and "fixed" compare these. */
export function findingMarker(fingerprint: string): string {
  return `<!-- plumbline:finding ${fingerprint} -->`;
}

export function fingerprintIn(body: string | null | undefined): string | undefined {
  return body ? FINDING_MARKER.exec(body)?.[1] : undefined;
}
