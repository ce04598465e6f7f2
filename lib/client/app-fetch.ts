// fetch() for the app's own API calls. Every response to a signed-in request
// carries X-Permissions-Updated (the user's permissionsUpdatedAt); this
// reports it to whoever listens (the permissions provider), which refetches
// the permission list when it has moved.
import { PERMISSIONS_HEADER } from "@/lib/auth/protocol";

type Listener = (permissionsUpdatedAt: number) => void;

const listeners = new Set<Listener>();

export function onPermissionsUpdatedAt(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function reportPermissionsUpdatedAt(response: Response): void {
  const permissionsUpdatedAt = Number(response.headers.get(PERMISSIONS_HEADER));
  if (!Number.isFinite(permissionsUpdatedAt) || permissionsUpdatedAt <= 0) return;
  for (const listener of listeners) listener(permissionsUpdatedAt);
}

export async function appFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, { credentials: "same-origin", ...init });
  reportPermissionsUpdatedAt(response);
  return response;
}
