import type { APIRequestContext, Page } from "@playwright/test";
import { PORT } from "./config";
import {
  createThrowawayMember,
  createThrowawayRole,
  createThrowawayUser,
  removeMembership,
  sql,
} from "./database";
import { expect, test } from "./fixtures";
import { secondInstance } from "./second-instance";

// Organizations: the session's active organization (the tenant key) decides
// which rows a user reads and which membership roles count; a membership
// removed in SQL is enforced on the very next request, on every instance,
// and an open tab follows without a reload.
test.describe.configure({ timeout: 120_000 });

const instanceB = secondInstance(`authz-e2e-orgs-b-${PORT}`);

type Reports = {
  organization: string | null;
  reports: { id: string; title: string; organization: string }[];
};
type Me = {
  permissions: string[];
  organization: { id: string; slug: string; name: string } | null;
  organizations: { slug: string; name: string; roles: string[] }[];
};

const reportsOf = async (client: APIRequestContext): Promise<Reports> => {
  const response = await client.get("/api/reports");
  expect(response.status()).toBe(200);
  return (await response.json()) as Reports;
};
const meOf = async (client: APIRequestContext): Promise<Me> =>
  (await (await client.get("/api/me/permissions")).json()) as Me;
const switchTo = (client: APIRequestContext, slug: unknown) =>
  client.put("/api/me/organization", { data: { slug } });

test("mia: acme's reports at sign-in, both organizations listed, globex's after a switch", async ({
  apiAs,
}) => {
  const mia = await apiAs("mia@example.com");
  const me = await meOf(mia);
  expect(me.organization).toMatchObject({ slug: "acme", name: "Acme" });
  expect(me.organizations).toEqual([
    expect.objectContaining({ slug: "acme", name: "Acme", roles: ["Editor"] }),
    expect.objectContaining({ slug: "globex", name: "Globex", roles: ["Viewer"] }),
  ]);
  expect(me.permissions).toEqual(["reports.read", "reports.export"]);

  const acme = await reportsOf(mia);
  expect(acme.organization).toBe("acme");
  expect(acme.reports).toHaveLength(3);
  for (const r of acme.reports) {
    expect(r).toEqual({
      id: expect.any(String),
      title: expect.stringContaining("Acme"),
      period: expect.any(String),
      revenue: expect.any(Number),
      organization: "acme",
    });
  }

  const switched = await switchTo(mia, "globex");
  expect(switched.status()).toBe(200);
  const body = (await switched.json()) as Me;
  expect(body.organization).toMatchObject({ slug: "globex" });
  expect(body.permissions).toEqual([]); // a Viewer in globex
  expect((await mia.get("/api/reports")).status()).toBe(403);
  expect((await meOf(mia)).organization?.slug).toBe("globex"); // the re-issued cookie holds it
  expect((await switchTo(mia, "acme")).status()).toBe(200);
  expect((await reportsOf(mia)).organization).toBe("acme");
});

test("a switch into an organization one does not belong to: 404, nothing changes; bad input: 422", async ({
  apiAs,
}) => {
  const ann = await apiAs("ann@acme.example.com");
  for (const slug of ["globex", "no-such-org"]) {
    const response = await switchTo(ann, slug);
    expect(response.status()).toBe(404);
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
  for (const slug of [undefined, 42, "Not A Slug!", "x".repeat(200)])
    expect((await switchTo(ann, slug)).status()).toBe(422);
  const reports = await reportsOf(ann);
  expect(reports.organization).toBe("acme");
  expect(reports.reports.every((r) => r.organization === "acme")).toBe(true);
  const gus = await reportsOf(await apiAs("gus@globex.example.com"));
  expect(gus.organization).toBe("globex");
  expect(gus.reports.map((r) => r.title).join()).not.toContain("Acme");
});

test("users with global roles only have no active organization, so an empty list; a platform admin may enter any", async ({
  apiAs,
}) => {
  const editor = await createThrowawayUser(["Editor"]);
  expect(await reportsOf(await apiAs(editor.email))).toEqual({ organization: null, reports: [] });
  const admin = await apiAs("admin");
  expect((await meOf(admin)).organizations.map((o) => o.slug)).toEqual(
    expect.arrayContaining(["acme", "globex"]),
  );
  expect((await switchTo(admin, "globex")).status()).toBe(200);
  const globex = await reportsOf(admin);
  expect(globex.organization).toBe("globex");
  expect(globex.reports).toHaveLength(3);
});

/** Reads the visible text of the reports table (rendered text, not the RSC payload). */
const tableText = (page: Page) => page.getByRole("table").innerText();

test("removed from acme in SQL: no acme row on her next request on either instance, nor in her open tab", async ({
  apiAs,
  signedInAs,
}) => {
  const user = await createThrowawayMember([
    ["acme", "Editor"],
    ["globex", "Editor"],
  ]);
  const onA = await apiAs(user.email);
  const onB = await apiAs(user.email, { baseURL: instanceB().baseUrl });
  const page = await signedInAs(user.email);
  await page.goto("/reports");
  await expect(page.getByTestId("reports-organization")).toContainText("Acme");
  await expect(page.getByRole("table")).toContainText("Acme quarterly revenue");
  for (const client of [onA, onB]) expect((await reportsOf(client)).organization).toBe("acme"); // cached there

  await removeMembership(user.id, "acme");
  // The very next request on each instance: not one acme row, whether or not the news has arrived yet.
  for (const client of [onA, onB]) {
    const next = await reportsOf(client);
    expect(next.reports.filter((r) => r.organization === "acme")).toEqual([]);
  }
  // Within the propagation time, both have moved her to globex.
  for (const client of [onA, onB])
    await expect.poll(async () => (await reportsOf(client)).organization, { timeout: 5_000 }).toBe("globex");
  for (const client of [onA, onB]) {
    const after = await reportsOf(client);
    expect(after.reports).toHaveLength(3);
    expect(after.reports.every((r) => r.organization === "globex")).toBe(true);
  }
  // The open tab follows (pushed), without a reload.
  await expect(page.getByTestId("reports-organization")).toContainText("Globex", { timeout: 10_000 });
  expect(await tableText(page)).not.toContain("Acme");
  await expect(page.getByTestId("active-organization")).toHaveText("Globex");
});

test("switching organizations in one tab updates the other", async ({ signedInAs }) => {
  const user = await createThrowawayMember([
    ["acme", "Editor"],
    ["globex", "Editor"],
  ]);
  const first = await signedInAs(user.email);
  const second = await first.context().newPage();
  for (const tab of [first, second]) {
    await tab.goto("/reports");
    await expect(tab.getByTestId("active-organization")).toHaveText("Acme");
  }
  await first.getByRole("button", { name: /Active organization/ }).click();
  await first.getByRole("list", { name: "Organizations" }).getByRole("button", { name: "Globex" }).click();
  for (const tab of [first, second]) {
    await expect(tab.getByTestId("active-organization")).toHaveText("Globex", { timeout: 10_000 });
    await expect(tab.getByRole("table")).toContainText("Globex quarterly revenue");
    expect(await tableText(tab)).not.toContain("Acme");
  }
});

test("an organization admin manages acme's members in the dashboard, and cannot open or change globex", async ({
  signedInAs,
}) => {
  const orgAdmin = await createThrowawayRole(["members.manage", "reports.read"]);
  const user = await createThrowawayMember([["acme", orgAdmin]]);
  const page = await signedInAs(user.email);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/organizations$/);
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "Acme" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Globex" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Create organization" })).toHaveCount(0); // platform admins only

  const [globex] = await sql<{ id: string }>(`SELECT id FROM "Organization" WHERE slug = 'globex'`);
  const other = await page.goto(`/admin/organizations/${globex!.id}`);
  expect(other?.status()).toBe(404);

  await page.goto("/admin/organizations");
  await table.getByRole("link", { name: "Acme" }).click();
  const add = page.getByRole("form", { name: "Add a member" });
  const invitee = await createThrowawayUser();
  await add.getByLabel("Email").fill(invitee.email);
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await add.getByRole("button", { name: "Add member" }).click();
  // An organization admin invites an address: the answer says nothing about whether it has an account.
  const invited = `Invited ${invitee.email} as Viewer in Acme: we mailed them a link. They join once they accept it.`;
  await expect(add.getByRole("status")).toHaveText(invited);
  await expect(page.getByRole("region", { name: "Members of Acme" })).not.toContainText(invitee.email);

  // The invitee accepts on their home page, and is a member from then on.
  const inviteePage = await signedInAs(invitee.email);
  await inviteePage.goto("/");
  const invitations = inviteePage.getByRole("region", { name: "Invitations" });
  await invitations.getByRole("button", { name: "Accept (Acme)" }).click();
  // The page follows the new membership at once: the invitation is gone and Acme is the active organization.
  await expect(inviteePage.getByRole("button", { name: "Active organization: Acme" })).toBeVisible();
  await expect(invitations).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: "Members of Acme" })).toContainText(invitee.email);
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'organization.invitation.created' AND "actorId" = $1`,
    [user.id],
  );
  expect(row!.n).toBe(1);
});
