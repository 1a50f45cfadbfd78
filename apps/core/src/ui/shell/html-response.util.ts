import type { Response } from 'express';

/** Sends a rendered page: HTML, never cached (it is per user), with its status. */
export async function sendHtml(res: Response, html: JSX.Element, status = 200): Promise<void> {
  const body = await html;
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}
