import { parse as parseDomain } from 'tldts';
import { detectType } from './ioc-entries.util';
import type { ObservableType } from './ioc-entries.util';

/** The mime types the document import reads. */
export const DOCUMENT_TYPES = ['application/pdf', 'text/html', 'text/markdown', 'text/plain'];

/**
 * Top-level domains that are also common file extensions: `setup.py` or `README.md` in a report
 * names a file, not a host.
 */
const FILE_LIKE_TLDS = new Set(['py', 'sh', 'pl', 'md', 'rs', 'ps', 'so', 'cc', 'do', 'sc']);

/** Defanged indicators written back (`hxxp`, `[.]`, `(dot)`, `[@]`…). */
export function refang(text: string): string {
  return text
    .replace(/\bhxxp(s?):\/\//gi, 'http$1://')
    .replace(/\bfxp:\/\//gi, 'ftp://')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[@\]|\[at\]|\(at\)/gi, '@');
}

/** What a document names: observables by type and value, CVE ids, ATT&CK technique ids. */
export type DocumentFindings = {
  observables: { type: ObservableType; value: string }[];
  vulnerabilities: string[];
  techniques: string[];
};

/**
 * The indicators a document's text names, each once, in order of appearance: addresses, domains
 * under a public suffix (not file names), URLs, e-mail addresses and hashes (refanged first),
 * CVE ids and ATT&CK technique ids (T1059, T1059.001).
 */
export function extractFindings(text: string): DocumentFindings {
  const clean = refang(text);
  const seen = new Set<string>();
  const observables: DocumentFindings['observables'] = [];
  for (const raw of clean.split(/[\s,;"'<>()[\]{}|`]+/)) {
    const token = raw.replace(/^[^\w/]+|[.:!?]+$/g, '');
    if (token.length < 4) continue;
    const found = detectType(token);
    if (!found) continue;
    if (found.type === 'Domain-Name' && FILE_LIKE_TLDS.has(parseDomain(token).publicSuffix ?? '')) {
      continue;
    }
    const value = found.type === 'Domain-Name' ? found.value.toLowerCase() : found.value;
    const key = `${found.type}|${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    observables.push({ type: found.type, value });
  }
  const unique = (matches: Iterable<RegExpMatchArray>, upper = false) => [
    ...new Set([...matches].map((m) => (upper ? m[0].toUpperCase() : m[0]))),
  ];
  return {
    observables,
    vulnerabilities: unique(clean.matchAll(/\bCVE-\d{4}-\d{4,7}\b/gi), true),
    techniques: unique(clean.matchAll(/\bT\d{4}(?:\.\d{3})?\b/g)),
  };
}
