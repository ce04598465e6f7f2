import type { Page } from "@playwright/test";
import { INCORRECT_CREDENTIALS } from "@/lib/auth/protocol";
import { closeSql, createThrowawayMember, createThrowawayRole, createThrowawayUser } from "./database";
import { expect, test } from "./fixtures";
import { uniqueEmail } from "./admin-support";
import { expectSignInPage, signInByForm } from "./support";

// Issue 21, points 2, 3 and 6, in the browser. An organization admin invites
// an address from the organization's page; the link arrives in the dev
// mailbox (the e2e server keeps its mail there: MAIL_DEV_MAILBOX). An
// existing user accepts it signed in, and their open home page gains the
// organization live; a new person creates their account from it; the
// inviter's page shows the member appear without a reload. A used or revoked
// link is refused. Open sign-up (AUTH_SIGN_UP=open on the e2e server) creates
// an account, holding nothing, once its mailed link is confirmed. The
// profile's new name reaches the user's other open page live. Users and the
// inviting role are this spec's own, made in SQL (PostgreSQL pass only).
test.afterAll(closeSql);

const NEW_PASSWORD = "a password for the newcomer";

/** Signs in an admin of Acme only (members.manage there), on the organization's page. */
async function acmeAdmin(signedInAs: (who: string) => Promise<Page>): Promise<Page> {
  const role = await createThrowawayRole(["members.manage", "reports.read"]);
  const admin = await createThrowawayMember([["acme", role]]);
  const page = await signedInAs(admin.email);
  await page.goto("/admin/organizations");
  await page.getByRole("link", { name: "Acme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible();
  return page;
}

async function invite(admin: Page, email: string) {
  const form = admin.getByRole("form", { name: "Add a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Viewer" });
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByRole("status")).toHaveText(
    `Invited ${email} as Viewer in Acme: we mailed them a link. They join once they accept it.`,
  );
  await expect(invitations(admin)).toContainText(email);
}

const invitations = (admin: Page) => admin.getByRole("region", { name: "Open invitations to Acme" });
const members = (admin: Page) => admin.getByRole("region", { name: "Members of Acme" });

/** The newest link matching `path` mailed to `email`, read from the dev mailbox. */
async function mailedLink(page: Page, email: string, path: RegExp): Promise<string> {
  const mail = page.getByRole("article", { name: `Mail to ${email}` }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail.getByRole("link", { name: path })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return (await mail.getByRole("link", { name: path }).getAttribute("href"))!;
}

test("an existing user accepts an invitation from its link; their open page gains the organization, the inviter's page the member", async ({
  signedInAs,
}) => {
  const invitee = await createThrowawayUser([]);
  const home = await signedInAs(invitee.email);
  await home.goto("/");
  await expect(home.getByTestId("active-organization")).toHaveText("No organization");
  const admin = await acmeAdmin(signedInAs);
  await invite(admin, invitee.email);

  const tab = await home.context().newPage();
  const link = await mailedLink(tab, invitee.email, /\/invitations\//);
  await tab.goto(link);
  await tab.getByRole("button", { name: "Join Acme" }).click();
  await expect(tab).toHaveURL(/\/$/);

  // Live: the page opened before accepting shows the organization, and the inviter sees the member.
  await expect(home.getByTestId("active-organization")).toHaveText("Acme");
  await expect(home.getByRole("list", { name: "Roles" })).toContainText("Viewer");
  await expect(members(admin)).toContainText(invitee.email, { timeout: 15_000 });
  await expect(invitations(admin)).toHaveCount(0);

  // Single use.
  await tab.goto(link);
  await expect(tab.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
});

test("a new person creates their account from the link and joins; the link then works no more", async ({
  signedInAs,
  anonymous,
}) => {
  const email = uniqueEmail("invited");
  const admin = await acmeAdmin(signedInAs);
  await invite(admin, email);

  const page = await anonymous();
  const link = await mailedLink(page, email, /\/invitations\//);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create your account to join" })).toBeVisible();
  await page.getByLabel("Name").fill("Nina Newcomer");
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Create the account and join Acme" }).click();
  await expectSignInPage(page);
  await expect(page.getByRole("main").getByRole("status")).toContainText("you joined the organization");
  await signInByForm(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Signed in as Nina Newcomer" })).toBeVisible();
  await expect(page.getByTestId("active-organization")).toHaveText("Acme");
  await expect(members(admin)).toContainText(email, { timeout: 15_000 });

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
});

test("a revoked invitation's link is refused", async ({ signedInAs, anonymous }) => {
  const email = uniqueEmail("revoked");
  const admin = await acmeAdmin(signedInAs);
  await invite(admin, email);
  await invitations(admin)
    .getByRole("button", { name: `Revoke the invitation of ${email}` })
    .click();
  await admin.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(invitations(admin)).toHaveCount(0);

  const page = await anonymous();
  await page.goto(await mailedLink(page, email, /\/invitations\//));
  await expect(page.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
});

test("open sign-up: the account exists once its mailed link is confirmed, and holds no permissions", async ({
  anonymous,
}) => {
  const email = uniqueEmail("signup");
  const page = await anonymous();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("Sam Signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/^Check your mail: we sent a link/);

  // Not yet an account: the password does not sign in.
  await page.goto("/sign-in");
  await signInByForm(page, email, NEW_PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(INCORRECT_CREDENTIALS);

  await page.goto(await mailedLink(page, email, /\/sign-up\//));
  await page.getByRole("button", { name: "Create my account" }).click();
  await expectSignInPage(page);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your account is ready");
  await signInByForm(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Signed in as Sam Signup" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Permissions" })).toHaveCount(0);
  await expect(page.getByText("No permissions")).toBeVisible();
});

test("the profile: a new name reaches the user's other open page without a reload", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const other = await signedInAs(user.email);
  await other.goto("/");
  const page = await signedInAs(user.email);
  await page.goto("/profile");
  const form = page.getByRole("form", { name: "Your details" });
  await form.getByLabel("Name").fill("Renée Renamed");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText(/Your name is changed/);
  await expect(other.getByRole("heading", { name: "Signed in as Renée Renamed" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Where you're signed in" }).getByRole("listitem")).toHaveCount(
    2,
  );
});
