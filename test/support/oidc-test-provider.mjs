// A real OpenID Connect provider (oidc-provider, an ES module) for the SSO tests, on a loopback
// port. It signs in the test account at once (no login page): the test drives the authorization
// code flow over HTTP without a browser. Environment:
//   OIDC_TEST_CLIENT   JSON { client_id, client_secret, redirect_uris }
//   OIDC_TEST_ACCOUNT  JSON claims of the account every login signs in (sub, email, groups, ...)
// It prints one JSON line, { "issuer": "http://127.0.0.1:<port>" }, once it listens.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const client = JSON.parse(process.env.OIDC_TEST_CLIENT ?? '{}');
const account = JSON.parse(process.env.OIDC_TEST_ACCOUNT ?? '{}');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // Every client must send a PKCE challenge, confidential or not.
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups', 'organizations'],
  },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) =>
    sub === account.sub ? { accountId: sub, claims: () => ({ ...account, sub }) } : undefined,
  cookies: { keys: ['sso-test-provider-cookie-key'] },
  async renderError(ctx, out) {
    ctx.type = 'json';
    ctx.body = out;
  },
});

// The interaction "page": logs the test account in, then grants the scopes asked.
async function interact(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: account.sub } });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({
        accountId: details.session.accountId,
        clientId: details.params.client_id,
      });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url?.startsWith('/interaction/')) {
    interact(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
