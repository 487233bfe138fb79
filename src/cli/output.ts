import path from 'node:path';
import { assertWritable, writeFileAtomic } from '../core/write-file-atomic.js';

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org), never into a file. */
export function useColor(output: string | undefined): boolean {
  return !output && Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

/** The terminal's width for the text report's wrapping; undefined (no wrapping) into a file or a pipe. */
export function terminalWidth(output: string | undefined): number | undefined {
  return !output && process.stdout.isTTY ? process.stdout.columns : undefined;
}

/** Writes the report to --output (atomically: never a half-written file) or to stdout. */
export async function writeReport(text: string, output: string | undefined, cwd: string): Promise<void> {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output) await writeFileAtomic(path.resolve(cwd, output), body, output);
  else process.stdout.write(body);
}

/** Called before the analysis, so a bad --output fails in a second instead of after the whole review. */
export async function checkOutputPath(output: string | undefined, cwd: string): Promise<void> {
  if (output) await assertWritable(path.resolve(cwd, output), output);
}
