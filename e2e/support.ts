import { type APIRequestContext, expect, type Page } from "@playwright/test";
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
