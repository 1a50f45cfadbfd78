import type { Request, Response } from 'express';

/** POST-redirect-GET: a 303, or for an htmx request `HX-Redirect` (a full navigation). */
export function redirectAfterPost(req: Request, res: Response, target: string): void {
  if (req.headers['hx-request']) {
    res.setHeader('HX-Redirect', target);
    res.status(204).end();
    return;
  }
  res.redirect(303, target);
}
