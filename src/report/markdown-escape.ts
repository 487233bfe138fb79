/**
 * Text from the change (messages quoting code, paths, SQL, config titles) goes into a PR comment that
 * GitHub renders as markdown with HTML. Nothing in it may open HTML, close our `<details>`, start a
 * block, link a picture or @mention someone (a mention notifies people and teams).
 */

/** Break @mentions and team mentions with a zero-width space (GitHub links neither `@​user` nor `@​org/team`). */
function breakMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, '@&#8203;');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** Plain text for markdown: every character that could format, link or open HTML is neutralised. */
export function escapeMarkdown(text: string): string {
  const escaped = oneLine(text)
    .replace(/[\\`*_[\]~|!#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return breakMentions(escaped);
}

/**
 * Finding messages put code in single backticks by convention (STYLE.md): keep those spans as code
 * (their content is shown literally by GitHub) and escape everything around them.
 */
export function markdownText(text: string): string {
  const flat = oneLine(text);
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(/`([^`]+)`/g)) {
    out += escapeMarkdown(flat.slice(last, match.index)) + inlineCode(match[1]);
    last = match.index + match[0].length;
  }
  return out + escapeMarkdown(flat.slice(last));
}

/**
 * Team-written text (checklist titles) keeps its markdown emphasis, but not HTML, mentions or line
 * breaks that would start a block.
 */
export function safeMarkdown(text: string): string {
  return breakMentions(oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** HTML context (`<summary>`): entities, and mentions broken. */
export function safeHtml(text: string): string {
  return breakMentions(escapeHtml(oneLine(text)));
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const content = oneLine(text);
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced block whose fence no line of the content can close early. */
export function codeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** Length as GitHub counts a comment body: Unicode characters (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++;
    count++;
  }
  return count;
}
