// lib/permissions: the permission catalogue and the checks on it. Safe in the
// browser; the packing for the session token (./pack.ts) stays with lib/auth.
export * from "./catalogue";
export * from "./check";
