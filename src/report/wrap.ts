/**
 * Word-wraps text to `width` columns (a terminal's), each line after the first indented by `indent`
 * spaces; words longer than a line (a URL, a code span) are kept whole. Explicit newlines are kept.
 */
export function wrap(text: string, width: number | undefined, indent: number): string {
  if (!width) return text;
  const room = Math.max(width - indent, 20);
  return text
    .split(/\r?\n/)
    .map((paragraph) => wrapLine(paragraph, room))
    .join('\n')
    .split('\n')
    .map((line, i) => (i === 0 || !line ? line : ' '.repeat(indent) + line))
    .join('\n');
}

function wrapLine(line: string, room: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(/ +/)) {
    if (current && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
