// fetch() for the app's own API calls. Every response to a signed-in request
// carries X-Permissions-Updated; this reports the stamp to whoever listens
// (the permissions provider), which refetches the permission list when the
// stamp has moved.
import { PERMISSIONS_HEADER } from "@/lib/auth/headers";

type StampListener = (stamp: number) => void;

const listeners = new Set<StampListener>();

export function onPermissionsStamp(listener: StampListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function reportStamp(response: Response): void {
  const stamp = Number(response.headers.get(PERMISSIONS_HEADER));
  if (!Number.isFinite(stamp) || stamp <= 0) return;
  for (const listener of listeners) listener(stamp);
}

export async function appFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, { credentials: "same-origin", ...init });
  reportStamp(response);
  return response;
}
