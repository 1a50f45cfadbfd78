import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './session.middleware';
import './session-data.types';

/** Ends this browser's session, if any, and clears its cookie. */
export async function endSession(req: Request, res: Response): Promise<void> {
  const current = req.session as Request['session'] | undefined;
  if (current) {
    await new Promise<void>((resolve, reject) =>
      current.destroy((error: unknown) =>
        error
          ? reject(error instanceof Error ? error : new Error('Session store failure'))
          : resolve(),
      ),
    );
  }
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
