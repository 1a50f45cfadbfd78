// The one declaration of what a Threatloom session holds (express-session declaration merging).
// Whoever signs a user in (local login, OIDC, SAML) calls `req.session.regenerate` and then sets
// `userId`; nothing else about the user is kept in the session.
declare module 'express-session' {
  interface SessionData {
    /** Internal id of the signed-in user. */
    userId?: string;
  }
}

export {};
