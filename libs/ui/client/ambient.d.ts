// Modules without their own type declarations.
declare module 'htmx-ext-sse';
