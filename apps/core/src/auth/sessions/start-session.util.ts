import type { Request } from 'express';
import './session-data.types';

/**
 * Signs `userId` in on this browser: a new session id (no fixation of an id set before login),
 * the user in it, saved before the answer goes out. Local login, OIDC and SAML all end here.
 */
export async function startSession(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve())),
  );
  req.session.userId = userId;
  req.session.created_at = new Date().toISOString();
  await new Promise<void>((resolve, reject) =>
    req.session.save((error: unknown) => (error ? reject(toError(error)) : resolve())),
  );
}

const toError = (error: unknown) =>
  error instanceof Error ? error : new Error('Session store failure');
