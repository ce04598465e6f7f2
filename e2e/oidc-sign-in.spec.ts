import type { Page } from "@playwright/test";
import { BASE_URL, OIDC_CLIENT, OIDC_ISSUER } from "./config";
import { closeSql, createThrowawayUser, grantRole, sql } from "./database";
import { expect, test } from "./fixtures";
import { expectSignInPage } from "./support";

// Issue 21, point 5, in the browser: "Continue with Example SSO" on the
// sign-in page leads to a real OpenID Connect issuer (e2e/oidc-issuer.ts,
// oidc-provider on this machine), whose login screen takes an email; the
// issuer vouches for it, and the app links that identity to the user with
// the same address. The session is then an ordinary one of that user: a role
// granted in SQL reaches the open page live. An address with no account is
// refused with the page's sentence (sign-up is by invitation on this server).
// Users are made in SQL: PostgreSQL pass only.
test.afterAll(closeSql);

const reportsLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

/** From our sign-in page through the issuer's login and consent screens, back to the app. */
async function signInAtIssuer(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${OIDC_CLIENT.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
  await page.locator("input[name=login]").fill(email);
  await page.locator("input[name=password]").fill("any password: the issuer's dev login takes any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a user signs in through the OpenID Connect issuer, as themselves, and a role granted in SQL reaches the open page", async ({
  anonymous,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const page = await anonymous();
  // The home page opens its event stream; its answer means the page will hear of a change.
  const connected = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/me/events" && r.status() === 200,
  );
  await signInAtIssuer(page, user.email);
  await expect(page).toHaveURL(`${BASE_URL}/`);
  await expect(page.getByRole("heading", { name: `Signed in as Temp ${user.id}` })).toBeVisible();
  await connected;

  // Our user id, not the issuer's subject; a session row with this browser's user agent.
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: { id: string } };
  expect(session.user).toMatchObject({ id: user.id, email: user.email });
  expect(
    await sql(`SELECT provider, "providerAccountId" FROM "Account" WHERE "userId" = $1`, [user.id]),
  ).toEqual([{ provider: "oidc", providerAccountId: user.email }]);
  const [row] = await sql<{ userAgent: string | null }>(
    `SELECT "userAgent" FROM "Session" WHERE "userId" = $1`,
    [user.id],
  );
  expect(row?.userAgent).toContain("Chrome");

  await expect(reportsLink(page)).toHaveCount(0);
  await grantRole(user.id, "Editor");
  await expect(reportsLink(page)).toBeVisible({ timeout: 5_000 });
  await expect(page.getByRole("list", { name: "Permissions" })).toContainText("reports.read");
});

test("an address with no account here is refused, with the sign-in page's sentence, and no account is made", async ({
  anonymous,
}) => {
  const email = `nobody_${Date.now()}@example.test`;
  const page = await anonymous();
  await signInAtIssuer(page, email);
  await expectSignInPage(page);
  await expect(
    page.getByRole("main").getByRole("alert").filter({ hasText: "No account here uses that email address" }),
  ).toBeVisible();
  expect(await sql(`SELECT id FROM "User" WHERE email = $1`, [email])).toEqual([]);
  expect(
    ((await (await page.request.get("/api/auth/session")).json()) as { user?: unknown }).user,
  ).toBeUndefined();
});
