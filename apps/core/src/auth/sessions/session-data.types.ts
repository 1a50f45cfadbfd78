// The one declaration of what a Threatloom session holds (express-session declaration merging).
// Whoever signs a user in (local login, OIDC, SAML) calls `req.session.regenerate` and then sets
// `userId` (and when: `created_at`); nothing else about the user is kept in the session.
declare module 'express-session' {
  interface SessionData {
    /** Internal id of the signed-in user. */
    userId?: string;
    /** When the user signed in (listed to admins with the user's sessions). */
    created_at?: string;
  }
}

export {};
