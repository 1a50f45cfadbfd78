import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type OidcTestClient = { client_id: string; client_secret: string; redirect_uris: string[] };

export type OidcTestProvider = { issuer: string; stop: () => Promise<void>; output: () => string };

/**
 * Starts a real OpenID Connect provider (oidc-provider, test/support/oidc-test-provider.mjs) in
 * its own Node process on a loopback port; every login it serves signs `account` in.
 */
export async function startOidcTestProvider(
  client: OidcTestClient,
  account: Record<string, unknown> & { sub: string },
): Promise<OidcTestProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
    env: {
      PATH: process.env.PATH,
      OIDC_TEST_CLIENT: JSON.stringify(client),
      OIDC_TEST_ACCOUNT: JSON.stringify(account),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No OIDC provider after 20 s: ${errors}`)),
      20_000,
    );
    child.once('exit', (code) => reject(new Error(`The OIDC provider exited ${code}: ${errors}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  return { issuer, stop, output: () => errors };
}
