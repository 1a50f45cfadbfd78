import { Catch, HttpException, Inject, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '@lib/kernel';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ErrorPage } from './error-page';
import { sendHtml } from './html-response.util';
import { UiChrome, themeOf } from './ui-chrome.service';
import { UiForbidden, UiNotFound, UiSignInRequired } from './ui-errors';

type Answer = { status: number; title: string; message: string };

function answerOf(error: unknown): Answer {
  if (error instanceof UiForbidden) {
    return { status: 403, title: 'Forbidden', message: error.message };
  }
  if (error instanceof UiNotFound) {
    return { status: 404, title: 'Not found', message: error.message };
  }
  if (error instanceof AppError && error.category === 'validation') {
    return { status: 400, title: 'Bad request', message: error.message };
  }
  if (error instanceof AppError && error.category === 'not_found') {
    return { status: 404, title: 'Not found', message: error.message };
  }
  if (error instanceof AppError && error.category === 'forbidden') {
    return { status: 403, title: 'Forbidden', message: error.message };
  }
  if (error instanceof HttpException) {
    return { status: error.getStatus(), title: 'Request refused', message: error.message };
  }
  return {
    status: 500,
    title: 'Something went wrong',
    message: 'The page could not be built. The error was logged; try again, or tell an admin.',
  };
}

/**
 * UI errors as pages: sign-in required → 303 to /login (htmx requests get HX-Redirect), refusals
 * and unknown pages → their status with a readable page, anything else → 500, logged.
 */
@Catch()
export class UiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('UI');

  constructor(@Inject(UiChrome) private readonly chrome: UiChrome) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof UiSignInRequired) {
      const target = `/login?redirect=${encodeURIComponent(error.returnTo)}`;
      if (req.headers['hx-request']) {
        res.setHeader('HX-Redirect', target);
        res.status(401).end();
        return;
      }
      res.redirect(303, target);
      return;
    }
    const answer = answerOf(error);
    if (answer.status >= 500) {
      this.logger.error({ err: error, path: req.path }, 'UI page failed');
    }
    const ctx = req.accessContext;
    void sendHtml(
      res,
      ErrorPage({
        ...answer,
        assets: this.chrome.assets,
        theme: themeOf(req),
        ...(ctx ? { chrome: this.chrome.of(req, res, ctx) } : {}),
      }),
      answer.status,
    );
  }
}
