import { createUserInUi, THROWAWAY_PASSWORD, uniqueEmail } from "./admin-support";
import { expect, test } from "./fixtures";
import { signInByApi, signInByForm } from "./support";

// Five failed sign-ins lock an account for 15 minutes (the defaults). Each
// test uses accounts of its own, so the suite's personas are never locked;
// all of it comes from 127.0.0.1, far below the 50 failures an address may have.

test("after five wrong passwords the sign-in form says how long to wait, and refuses the right one", async ({
  signedInAs,
  apiAs,
  page,
}) => {
  const email = uniqueEmail("limited");
  await createUserInUi(await signedInAs("admin"), { email, name: "Limited Lena" });

  const alert = page.getByRole("main").getByRole("alert"); // not Next's route announcer
  for (let i = 1; i <= 5; i++) {
    await signInByForm(page, email, `wrong-${i}`);
    await expect(alert).toHaveText("Email or password is incorrect.");
  }
  await signInByForm(page, email, THROWAWAY_PASSWORD);
  await expect(alert).toHaveText("Too many attempts. Try again in 15 minutes.");
  await expect(alert).toHaveAttribute("aria-live", "assertive");
  expect((await page.request.get("/api/me/permissions")).status()).toBe(401);

  // Someone else, from the same address, signs in as usual.
  const other = await apiAs(null);
  expect((await signInByApi(other, "viewer")).ok()).toBe(true);
});

test("the credentials callback answers 429 with Retry-After, for an unknown account too, whatever X-Forwarded-For claims", async ({
  signedInAs,
  apiAs,
}) => {
  // Sent by the client, not by a proxy: by default it must not move the failures to another address.
  const api = await apiAs(null, { extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" } });
  const email = uniqueEmail("nobody");
  for (let i = 1; i <= 5; i++) expect((await signInByApi(api, email, `guess-${i}`)).status()).toBe(401);

  const limited = await signInByApi(api, email, "guess-6");
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  // The body next-auth's client signIn() reads: an absolute URL whose error carries the wait.
  const { url } = (await limited.json()) as { url: string };
  expect(new URL(url).searchParams.get("error")).toBe(`TooManyAttempts:${retryAfter}`);

  // The trip is in the audit log once, with the real peer address.
  const admin = await signedInAs("admin");
  await admin.goto("/admin/audit");
  const rows = admin.getByRole("row").filter({ hasText: email });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Sign-in limit reached (account)");
  await expect(rows).toContainText("lastAddress: 127.0.0.1");
});
