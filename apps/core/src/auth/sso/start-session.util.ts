import type { Request } from 'express';
import type { Session } from 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}

const settle = (resolve: () => void, reject: (error: unknown) => void) => (error?: unknown) =>
  error ? reject(error) : resolve();

/**
 * Signs the browser in as `userId`: a fresh session (a new id, so a session fixed before the
 * login is worth nothing), saved before the redirect that follows.
 */
export async function startSession(req: Request, userId: string): Promise<void> {
  const session: Session | undefined = req.session;
  if (!session) {
    throw new Error('No session middleware: sessions are not configured on this route');
  }
  await new Promise<void>((resolve, reject) => session.regenerate(settle(resolve, reject)));
  req.session.userId = userId;
  await new Promise<void>((resolve, reject) => req.session.save(settle(resolve, reject)));
}
