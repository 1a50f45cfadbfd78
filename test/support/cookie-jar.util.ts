/**
 * The cookies a browser would keep across the hosts of a login (loopback ports share cookies, as
 * in a browser: by host, not port), enough to follow redirects without one.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || pair.slice(eq + 1) === '') this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }

  /** One request, without following its redirect, cookies sent and kept. */
  async send(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  /**
   * GETs `url` and follows redirects while `until` does not match the next URL; the first
   * response that is not a redirect, or the redirect to a URL `until` matches (not fetched).
   */
  async follow(
    url: string,
    until: (next: string) => boolean = () => false,
  ): Promise<{ res: Response; url: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop += 1) {
      const res = await this.send(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      const next = new URL(location, current).href;
      await res.arrayBuffer();
      if (until(next)) return { res, url: next };
      current = next;
    }
    throw new Error(`More than 20 redirects from ${url}`);
  }
}
