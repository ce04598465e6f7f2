import { type APIRequestContext, type APIResponse, expect, type Page } from "@playwright/test";
import { PASSWORD, PERSONAS, type Persona } from "./config";

/**
 * Signs in through next-auth's API (csrf token, then the credentials
 * callback), as a script would. `who` is a demo persona or an email address.
 */
export async function signInByApi(request: APIRequestContext, who: Persona | string, password = PASSWORD) {
  const email = who in PERSONAS ? PERSONAS[who as Persona].email : who;
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
}

/** Signs in through the sign-in page, as a person would. */
export async function signInByForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/**
 * A change written straight to the database reaches each app instance through
 * PostgreSQL's NOTIFY, a few milliseconds after the commit (see
 * docs/SCALING.md). Sends `request` until it answers `status`, and returns that
 * first answer; fails after `timeoutMs`. Once there, it must stay there: the
 * next answer is checked too.
 */
export async function firstAnswer(
  status: number,
  request: () => Promise<APIResponse>,
  timeoutMs = 2_000,
): Promise<APIResponse> {
  const until = Date.now() + timeoutMs;
  let response = await request();
  while (response.status() !== status) {
    if (Date.now() > until)
      throw new Error(`still ${response.status()}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
    response = await request();
  }
  expect((await request()).status(), "the next answer is the same").toBe(status);
  return response;
}
