// What the app says when it refuses for want of a session or of a working
// database; shared by the proxy, route handlers and the event stream.

/** Permissions cannot be checked (the database is unreachable): we fail closed. */
export const PERMISSIONS_UNAVAILABLE = "Permissions cannot be checked right now. Try again in a moment.";

export const SIGN_IN_REQUIRED = "Sign in to use this endpoint.";
