import { probeS3 } from '@lib/blob-store';
import { probeRedis } from '@lib/cache';
import type { Config } from '@lib/config';
import { probeRabbitMq } from '@lib/connector-bus';
import { AppError } from '@lib/kernel';
import { probeSearchEngine } from '@lib/opensearch';

type Probe = { service: string; url: string; run: () => Promise<void> };

const PROBE_TIMEOUT_MS = 5_000;

// A URL as it may be printed: its password replaced.
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function probesOf(config: Config): Probe[] {
  const probes: Probe[] = [];
  if (config.store.driver === 'search-engine') {
    const engine = config.store.engine;
    probes.push({
      service: engine.engine === 'opensearch' ? 'OpenSearch' : 'Elasticsearch',
      url: engine.nodes.join(', '),
      run: () => probeSearchEngine(engine, PROBE_TIMEOUT_MS),
    });
  }
  const redis = new Set<string>();
  for (const port of [config.cache, config.events, config.queue]) {
    if ('redis' in port) redis.add(port.redis.url);
  }
  for (const url of redis) {
    probes.push({ service: 'Redis', url, run: () => probeRedis(url, PROBE_TIMEOUT_MS) });
  }
  if (config.bus.driver === 'rabbitmq') {
    const { url } = config.bus.rabbitmq;
    probes.push({ service: 'RabbitMQ', url, run: () => probeRabbitMq(url, PROBE_TIMEOUT_MS) });
  }
  if (config.blob.driver === 's3') {
    const s3 = config.blob.s3;
    probes.push({ service: 'S3', url: s3.endpoint, run: () => probeS3(s3, PROBE_TIMEOUT_MS) });
  }
  return probes;
}

async function failureOf(probe: Probe): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS + 1_000);
  });
  try {
    await Promise.race([probe.run(), deadline]);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return `${probe.service} at ${shown(probe.url)}: ${reason}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On the distributed profile, every service is asked once before anything starts: the platform
 * refuses to boot with an error naming each service it cannot reach (never a hang on retries).
 */
export async function checkServices(config: Config): Promise<void> {
  const failures = (await Promise.all(probesOf(config).map(failureOf))).filter(
    (f): f is string => f !== undefined,
  );
  if (failures.length > 0) {
    throw new AppError({
      code: 'PLATFORM_SERVICE_UNREACHABLE',
      category: 'unavailable',
      message: `cannot reach ${failures.length === 1 ? 'a service' : 'services'} at boot:\n  ${failures.join('\n  ')}`,
      details: { failures },
    });
  }
}
