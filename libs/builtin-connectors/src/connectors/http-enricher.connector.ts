import type { HttpEnricherSettings } from '@lib/config';
import type { ConnectorJob, ConnectorSession, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { enrichedObservable, stixEntityOf } from './offline-enrichment.util';
import type { OfflineEnrichment, StixObject } from './offline-enrichment.util';

/** Hash algorithms asked about, strongest first. */
const HASH_ORDER = ['SHA-256', 'SHA-1', 'MD5', 'SHA-512'];

/** The value an API is asked about: the observable's value, or its strongest hash. */
export function observableValue(stix: StixObject): string | undefined {
  if (typeof stix.value === 'string' && stix.value !== '') return stix.value;
  const hashes = (stix.hashes ?? {}) as Record<string, unknown>;
  const algorithm = HASH_ORDER.find((a) => typeof hashes[a] === 'string');
  return algorithm ? (hashes[algorithm] as string) : undefined;
}

/** `{value}` and `{type}` replaced, each escaped by `escape`. */
function fill(template: string, values: Record<string, string>, escape: (v: string) => string) {
  return template.replace(/\{(value|type)\}/g, (_, key: string) => escape(values[key] ?? ''));
}

/** What a dotted path (`data.attributes.tags`, `results.0.score`) designates in a JSON answer. */
export function atPath(answer: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      answer,
    );
}

/** The enrichment the mapping reads from an API's answer (nothing read: undefined). */
export function mappedEnrichment(
  answer: unknown,
  settings: HttpEnricherSettings,
  values: Record<string, string>,
): OfflineEnrichment | undefined {
  const { mapping } = settings;
  const read = (path: string | undefined) => (path ? atPath(answer, path) : undefined);
  const rawScore = read(mapping.score);
  const score =
    typeof rawScore === 'number' || (typeof rawScore === 'string' && rawScore.trim() !== '')
      ? Number(rawScore)
      : Number.NaN;
  const rawLabels = read(mapping.labels);
  const labels = (Array.isArray(rawLabels) ? rawLabels : rawLabels === undefined ? [] : [rawLabels])
    .filter((l): l is string | number => typeof l === 'string' || typeof l === 'number')
    .map(String)
    .filter(Boolean);
  const description = read(mapping.description);
  const enrichment: OfflineEnrichment = {
    labels,
    related: [],
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    ...(Number.isFinite(score)
      ? { score: Math.max(0, Math.min(100, Math.round(score * mapping.scoreScale))) }
      : {}),
    ...(mapping.link
      ? {
          externalReferences: [
            { source_name: settings.name, url: fill(mapping.link, values, encodeURIComponent) },
          ],
        }
      : {}),
  };
  const found = labels.length > 0 || enrichment.description || enrichment.score !== undefined;
  return found ? enrichment : undefined;
}

/**
 * INTERNAL_ENRICHMENT through an HTTP API: asks it about the observable (its value or strongest
 * hash in the URL or body), and reads a score, labels and a description from the JSON answer
 * at the configured paths, plus a link to the API's page as an external reference. A status
 * listed as "not found" means nothing is known; any other failure ends the work in error with
 * the API's status and the start of its answer.
 */
export function httpEnricher(settings: HttpEnricherSettings): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: `threatloom-http-${settings.name}`,
      name: `HTTP enrichment: ${settings.name}`,
      type: 'INTERNAL_ENRICHMENT',
      scope: settings.scope,
      auto: settings.auto,
    }),
    async handle(job: ConnectorJob, session: ConnectorSession) {
      const stix = stixEntityOf(job.event);
      const value = stix ? observableValue(stix) : undefined;
      if (!stix || !value) {
        return { message: 'The job carries no observable with a value or hash', inError: true };
      }
      const entityType = job.event.entity_type;
      const values = { value, type: typeof entityType === 'string' ? entityType : stix.type };
      const url = fill(settings.url, values, encodeURIComponent);
      const response = await fetch(url, {
        method: settings.method,
        headers: {
          accept: 'application/json',
          ...(settings.body ? { 'content-type': 'application/json' } : {}),
          ...settings.headers,
        },
        ...(settings.method === 'POST' && settings.body
          ? { body: fill(settings.body, values, (v) => JSON.stringify(v).slice(1, -1)) }
          : {}),
        signal: AbortSignal.timeout(settings.timeoutSeconds * 1000),
      });
      const text = await response.text();
      if (settings.notFound.includes(response.status)) {
        return { message: `${settings.name} knows nothing of ${value} (${response.status})` };
      }
      if (!response.ok) {
        const host = new URL(url).host;
        return {
          message: `${host} answered ${response.status}: ${text.slice(0, 200)}`,
          inError: true,
        };
      }
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        return {
          message: `${settings.name} did not answer JSON: ${text.slice(0, 200)}`,
          inError: true,
        };
      }
      const enrichment = mappedEnrichment(answer, settings, values);
      if (!enrichment) return { message: `${settings.name} told nothing mapped of ${value}` };
      const sent = await session.send([enrichedObservable(stix, enrichment)]);
      const score = enrichment.score !== undefined ? `score ${enrichment.score}, ` : '';
      return {
        message: `${value}: ${score}${enrichment.labels.length} label(s) (${sent} objects sent)`,
      };
    },
  };
}
