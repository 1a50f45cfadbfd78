import { SPACED_OPERATORS, SPACED_WORDS } from './stix-pattern-operators.constants';

const WORD = /[A-Za-z_][A-Za-z0-9_-]*/y;
const WHITESPACE = /\s/;
// h'…', b'…' and t'…' literals are single tokens.
const PREFIXED_LITERALS = new Set(['h', 'b', 't']);

// Index just after the string literal starting at `start` (a quote); `\'` and `\\` are escapes.
// An unterminated literal runs to the end: the pattern is re-formatted, not validated.
function endOfString(pattern: string, start: number): number {
  let i = start + 1;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
    } else if (c === "'") {
      return i + 1;
    } else {
      i += 1;
    }
  }
  return pattern.length;
}

// Index just after a comment starting at `start`, or `start` when there is none.
function endOfComment(pattern: string, start: number): number {
  if (pattern.startsWith('/*', start)) {
    const end = pattern.indexOf('*/', start + 2);
    return end === -1 ? pattern.length : end + 2;
  }
  if (pattern.startsWith('//', start)) {
    const end = pattern.indexOf('\n', start + 2);
    return end === -1 ? pattern.length : end + 1;
  }
  return start;
}

type Token = { readonly text: string; readonly end: number };

function nextToken(pattern: string, i: number): Token {
  const c = pattern[i] ?? '';
  if (c === "'" || (PREFIXED_LITERALS.has(c) && pattern[i + 1] === "'")) {
    const end = endOfString(pattern, c === "'" ? i : i + 1);
    return { text: pattern.slice(i, end), end };
  }
  WORD.lastIndex = i;
  const word = WORD.exec(pattern);
  if (word) {
    const text = word[0];
    return { text: SPACED_WORDS.has(text) ? ` ${text} ` : text, end: i + text.length };
  }
  // `==` and `<>` are single tokens that stay glued; check them before the spaced operators.
  for (const glued of ['==', '<>']) {
    if (pattern.startsWith(glued, i)) {
      return { text: glued, end: i + 2 };
    }
  }
  const operator = SPACED_OPERATORS.find((op) => pattern.startsWith(op, i));
  if (operator) {
    return { text: ` ${operator} `, end: i + operator.length };
  }
  return { text: c, end: i + 1 };
}

function reformatStixPattern(pattern: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    const afterComment = endOfComment(pattern, i);
    if (afterComment !== i) {
      i = afterComment;
    } else if (WHITESPACE.test(pattern[i] ?? '')) {
      i += 1;
    } else {
      const token = nextToken(pattern, i);
      out.push(token.text);
      i = token.end;
    }
  }
  return out.join('').trim();
}

/**
 * The pattern as the platform stores and hashes it (data-model.md §3.3). For `stix` patterns
 * every token is re-emitted: keywords and comparison operators surrounded by one space, every
 * other token glued, string literals untouched, whitespace and comments dropped, the result
 * trimmed (`[ipv4-addr:value='1.2.3.4']` → `[ipv4-addr:value = '1.2.3.4']`). Two adjacent
 * spaced tokens keep both spaces, as the platform's join does. Other pattern types are verbatim.
 */
export function cleanupIndicatorPattern(patternType: string, pattern: string): string {
  if (!pattern || patternType.toLowerCase() !== 'stix') {
    return pattern;
  }
  return reformatStixPattern(pattern);
}
