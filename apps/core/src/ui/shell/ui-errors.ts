/** Thrown by the UI guard when a page needs a signed-in user: the filter sends him to /login. */
export class UiSignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in required');
  }
}

/** Thrown when the signed-in user lacks the page's capability: a 403 page. */
export class UiForbidden extends Error {
  constructor(readonly what: string) {
    super(`You are not allowed to see ${what}`);
  }
}

/** An unknown page or an element the user may not see (the two are not told apart). */
export class UiNotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found`);
  }
}
