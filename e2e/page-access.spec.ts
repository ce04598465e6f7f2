// Every page of the page table (lib/navigation.ts), opened as every demo user
// (lib/db/demo-data.ts): one lacking its permission gets 403, the refusal
// naming what the page needs, and nothing of the page; one holding it gets the
// page. Both lists come from the code, so a new page or a new persona is
// covered without touching this file.
import { acceptedPermissions, mayOpen, PAGES, type PageRoute } from "@/lib/navigation";
import { PERSONAS, type Persona } from "./config";
import { expect, test } from "./fixtures";

const personas = Object.keys(PERSONAS) as Persona[];

for (const route of Object.keys(PAGES) as PageRoute[]) {
  const access = PAGES[route];
  const needs = acceptedPermissions(access);
  for (const persona of personas) {
    const allowed = mayOpen(PERSONAS[persona].permissions, access);
    test(`${persona} ${allowed ? "opens" : "is refused"} ${route}`, async ({ signedInAs, pageUrls }) => {
      const page = await signedInAs(persona);
      const url = pageUrls[route];
      const response = await page.goto(url);
      const main = page.getByRole("main");
      if (allowed) {
        expect(response?.status(), url).toBe(200);
        await expect(main.getByRole("heading", { name: "Not allowed" }), url).toHaveCount(0);
        return;
      }
      expect(response?.status(), url).toBe(403);
      const refusal = main.getByRole("alert");
      await expect(refusal.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      for (const permission of needs) await expect(refusal).toContainText(permission);
      // Nothing of the page: the main area holds the refusal and nothing else.
      expect((await main.innerText()).trim(), url).toBe((await refusal.innerText()).trim());
      await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
    });
  }
}
