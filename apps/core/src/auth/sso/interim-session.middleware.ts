import { randomBytes } from 'node:crypto';
import session from 'express-session';
import type { RequestHandler } from 'express';

// TODO(#8): replaced by the login feature's sessions (Cache port store, configured secret and
// cookie); until then SSO logins live in this process's memory.
export function interimSession(): RequestHandler {
  return session({
    name: 'threatloom.sid',
    secret: randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  });
}
