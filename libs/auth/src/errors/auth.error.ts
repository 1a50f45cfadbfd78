import { AppError } from '@lib/kernel';

// One message for an unknown email, a wrong password and an account that may not log in, so
// that a login attempt never tells which emails exist.
const GENERIC = 'Invalid email or password';

/** A refused login; HTTP answers 401 for every code. */
export class LoginRefusedError extends AppError {
  constructor(reason: 'credentials' | 'locked', retryAfterMs?: number) {
    super({
      code: reason === 'locked' ? 'LOGIN_LOCKED' : 'LOGIN_FAILED',
      category: 'forbidden',
      message:
        reason === 'locked' ? 'Too many failed logins for this email: try again later' : GENERIC,
      details: retryAfterMs === undefined ? {} : { retryAfterMs },
    });
  }
}

/** `opencti-applicant-id` sent by a caller that may not act as another user. */
export class ApplicantRefusedError extends AppError {
  constructor() {
    super({
      code: 'APPLICANT_FORBIDDEN',
      category: 'forbidden',
      message: 'Only a BYPASS user may act as another user (opencti-applicant-id)',
    });
  }
}
