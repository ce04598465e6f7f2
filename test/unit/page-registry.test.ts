// Every page in the code is in the page table (lib/navigation.ts) with the
// permission it needs, and guards itself with its own route, so a page that
// forgets its guard, or one missing from the table, fails here before it can
// ship. e2e/page-access.spec.ts then opens every registered page as each demo
// user lacking its permission.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGES, PUBLIC_PAGES } from "@/lib/navigation";

type PageFile = { file: string; route: string; signedIn: boolean };

/** app/**\/page.tsx as routes: route groups "(x)" leave no trace in the URL; parallel slots "@x" are not pages. */
function pageFiles(): PageFile[] {
  return (readdirSync("app", { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /(^|\/)page\.tsx$/.test(f) && !f.split("/").some((part) => part.startsWith("@")))
    .map((f) => {
      const dirs = f.split("/").slice(0, -1);
      const route = "/" + dirs.filter((d) => !/^\(.*\)$/.test(d)).join("/");
      return { file: `app/${f}`, route, signedIn: dirs[0] === "(app)" };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** The route a page's guard names: requirePage("/admin/users"). */
const guardedRoute = (source: string) => /await requirePage\("([^"]+)"\)/.exec(source)?.[1] ?? null;

describe("the page table", () => {
  const files = pageFiles();

  it("finds the pages", () => {
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(PAGES).length);
  });

  it("every signed-in page is registered, and every registered page exists", () => {
    const signedIn = files.filter((f) => f.signedIn).map((f) => f.route);
    expect(signedIn.sort()).toEqual(Object.keys(PAGES).sort());
  });

  it("every other page is a public one, listed as such", () => {
    const others = files.filter((f) => !f.signedIn).map((f) => f.route);
    expect(others.sort()).toEqual([...PUBLIC_PAGES].sort());
  });

  for (const { file, route, signedIn } of files.filter((f) => f.signedIn)) {
    it(`${file} guards itself with requirePage("${route}")`, () => {
      expect(signedIn).toBe(true);
      expect(guardedRoute(readFileSync(file, "utf8")), file).toBe(route);
    });
  }
});
