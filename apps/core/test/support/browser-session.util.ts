/**
 * A browser's cookie jar over fetch, for the session tests: keeps what the platform sets,
 * sends it back, and fetches CSRF tokens as the UI does.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** The session cookie alone, to replay from elsewhere (another site, another tab). */
  cookie(name: string): string {
    return `${name}=${this.cookies.get(name) ?? ''}`;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  }

  async csrfToken(): Promise<string> {
    const res = await this.fetch('/auth/csrf');
    return ((await res.json()) as { token: string }).token;
  }

  /** A state-changing POST the way the UI sends it: with a fresh CSRF token. */
  async post(path: string, body: Record<string, unknown> = {}): Promise<Response> {
    const token = await this.csrfToken();
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(body),
    });
  }

  async graphql(query: string): Promise<{ status: number; body: GraphqlBody }> {
    const res = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as GraphqlBody };
  }
}

export type GraphqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};
