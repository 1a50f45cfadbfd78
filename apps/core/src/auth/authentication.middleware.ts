import { Inject, Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { ApplicantRefusedError } from '@lib/auth';
import { RequestAuthenticator } from './request-authenticator.service';
import type { AuthenticatedRequest } from './request-context.types';

/**
 * Authenticates every request of the core role once, before any controller or resolver: they
 * read `req.accessContext`. A refused `opencti-applicant-id` is answered 403 here, on every surface.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(@Inject(RequestAuthenticator) private readonly auth: RequestAuthenticator) {}

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    this.auth.authenticate(req).then(
      (ctx) => {
        req.accessContext = ctx;
        next();
      },
      (error: unknown) => {
        if (error instanceof ApplicantRefusedError) {
          res.status(403).json({ error: error.code, message: error.message });
          return;
        }
        next(error);
      },
    );
  }
}
