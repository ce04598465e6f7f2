// The browser's side of organizations: the list the header's switcher offers
// (GET /api/me/permissions) and the switch itself (PUT /api/me/organization).
import { z } from "zod";

const entrySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
});

export type OrganizationEntry = z.output<typeof entrySchema>;

const listSchema = z.object({ organizations: z.array(entrySchema) });

export async function fetchOrganizations(): Promise<OrganizationEntry[] | null> {
  try {
    const response = await fetch("/api/me/permissions", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return null;
    const body = listSchema.safeParse(await response.json());
    return body.success ? body.data.organizations : null;
  } catch {
    return null;
  }
}

type SwitchResult = "switched" | "not-found" | "error";

export async function requestSwitch(slug: string): Promise<SwitchResult> {
  try {
    const response = await fetch("/api/me/organization", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ slug }),
      credentials: "same-origin",
    });
    if (response.status === 404) return "not-found";
    return response.ok ? "switched" : "error";
  } catch {
    return "error";
  }
}
