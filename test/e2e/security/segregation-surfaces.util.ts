import { readSse } from '@lib/streams';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';

/** What one user obtains from one surface: the names of the matrix objects, or a refusal. */
export type Seen = string[] | 'refused';

type Answer = { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };

export async function rawGraphql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

/** A refusal; any other error fails the test (a surface that errors shows nothing). */
export function refused(answer: Answer): boolean {
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code ?? '');
  if (codes.some((c) => c === 'FORBIDDEN' || c === 'AUTH_REQUIRED')) return true;
  if (codes.length > 0) throw new Error(`GraphQL error: ${JSON.stringify(answer.errors)}`);
  return false;
}

type Edges = { edges: { node: { name?: string } | null }[]; pageInfo?: { globalCount: number } };

/** Names of a connection's nodes; throws if the count disagrees with what is listed. */
export function namesOf(connection: Edges | null | undefined, surface: string): string[] {
  const names = (connection?.edges ?? [])
    .map((e) => e.node?.name)
    .filter((n): n is string => typeof n === 'string');
  const count = connection?.pageInfo?.globalCount;
  if (count !== undefined && count !== names.length) {
    throw new Error(`${surface}: globalCount ${count} for ${names.length} listed (a count leak)`);
  }
  return names.sort();
}

/** Malware names a live stream replays from its beginning to this user. */
export async function streamNames(url: string, token: string, quietMs = 800): Promise<Seen> {
  const abort = new AbortController();
  const names = new Set<string>();
  let last = Date.now();
  let error: unknown;
  const reading = (async () => {
    try {
      for await (const m of readSse(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      })) {
        if (m.event === 'heartbeat') continue;
        last = Date.now();
        if (m.event !== 'create') continue;
        const data = (JSON.parse(m.data) as { data: { type: string; name?: string } }).data;
        if (data.type === 'malware' && data.name) names.add(data.name);
      }
    } catch (e) {
      error = e;
    }
  })();
  const started = Date.now();
  const quiet = () => Date.now() - last >= quietMs && Date.now() - started >= quietMs * 2;
  while (!error && !quiet() && Date.now() - started < 15_000) {
    await new Promise((r) => setTimeout(r, 100));
  }
  abort.abort();
  await reading;
  if (error) {
    if (error instanceof Error && /answered 40[13]/.test(error.message)) return 'refused';
    throw error as Error;
  }
  return [...names].sort();
}

/** Names of the malware objects a TAXII collection serves to this user. */
export async function taxiiNames(url: string, token: string): Promise<Seen> {
  const response = await fetch(url, {
    headers: { accept: 'application/taxii+json;version=2.1', authorization: `Bearer ${token}` },
  });
  if ([401, 403, 404].includes(response.status)) return 'refused';
  const body = (await response.json()) as { objects?: { type: string; name?: string }[] };
  return (body.objects ?? [])
    .filter((o) => o.type === 'malware' && o.name)
    .map((o) => o.name as string)
    .sort();
}

/** Names in a CSV feed's body, among `candidates`. */
export async function feedNames(url: string, token: string, candidates: string[]): Promise<Seen> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if ([401, 403, 404].includes(response.status)) return 'refused';
  const lines = (await response.text()).split(/\r?\n/).map((l) => l.replaceAll('"', '').trim());
  return candidates.filter((name) => lines.includes(name)).sort();
}

/** Names whose attached file this user may download. */
export async function downloadable(
  platform: EmbeddedPlatform,
  token: string,
  files: Record<string, string>,
): Promise<Seen> {
  const names: string[] = [];
  for (const [name, fileId] of Object.entries(files)) {
    const response = await fetch(`${platform.url}/storage/get/${encodeURIComponent(fileId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status === 200) names.push(name);
    await response.arrayBuffer();
  }
  return names.sort();
}
