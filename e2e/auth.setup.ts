import { expect, test as setup } from "@playwright/test";
import { PERSONAS, type Persona, storageStatePath } from "./config";
import { signInByApi } from "./support";

// One saved sign-in per demo persona, reused by signedInAs(persona) (e2e/fixtures.ts).
for (const persona of Object.keys(PERSONAS) as Persona[]) {
  setup(`sign in as ${persona}`, async ({ page }) => {
    const response = await signInByApi(page.request, persona);
    expect(response.ok()).toBe(true);
    const me = await page.request.get("/api/me/permissions");
    expect(me.status()).toBe(200);
    await page.context().storageState({ path: storageStatePath(persona) });
  });
}
