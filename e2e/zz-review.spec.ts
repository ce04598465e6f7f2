import { expect, test } from "./fixtures";
const SIZES = [
  { w: 1280, h: 800, s: "light" },
  { w: 360, h: 740, s: "light" },
  { w: 390, h: 844, s: "dark" },
] as const;
test("review", async ({ signedInAs, anonymous, pageUrls }) => {
  test.setTimeout(200_000);
  const admin = await signedInAs("admin");
  const anon = await anonymous();
  const viewer = await signedInAs("viewer");
  for (const { w, h, s } of SIZES) {
    for (const p of [admin, anon, viewer]) {
      await p.setViewportSize({ width: w, height: h });
      await p.emulateMedia({ colorScheme: s });
    }
    const tag = `${w}-${s}`;
    await anon.goto("/sign-in");
    await anon.screenshot({ path: `/tmp/r14-shots/${tag}-signin.png`, fullPage: true });
    for (const [name, url] of Object.entries(pageUrls)) {
      if (name === "/admin") continue;
      await admin.goto(url);
      await admin.screenshot({ path: `/tmp/r14-shots/${tag}-${name.replace(/[\/\[\]]/g, "_")}.png`, fullPage: true });
    }
    await admin.goto("/admin/users/nope");
    await admin.screenshot({ path: `/tmp/r14-shots/${tag}-404.png`, fullPage: true });
    await viewer.goto("/reports");
    await viewer.screenshot({ path: `/tmp/r14-shots/${tag}-viewer-reports.png`, fullPage: true });
  }
  await admin.setViewportSize({ width: 360, height: 740 });
  await admin.goto("/");
  await admin.getByRole("button", { name: "Menu" }).click();
  await admin.screenshot({ path: `/tmp/r14-shots/menu-open.png` });
  await admin.setViewportSize({ width: 1280, height: 800 });
  await admin.goto("/admin/roles");
  const cell = admin.getByRole("checkbox", { name: "Viewer: reports.read" });
  await cell.check();
  await expect(admin.getByTestId("matrix-save-mark")).toHaveText("✓");
  await cell.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `/tmp/r14-shots/matrix-saved.png` });
  await viewer.goto("/");
  await expect(viewer.getByTestId("access-notices")).toContainText("You can now", { timeout: 15000 });
  await viewer.screenshot({ path: `/tmp/r14-shots/notice.png` });
  await cell.uncheck();
  await expect(admin.getByTestId("matrix-save-mark")).toHaveText("✓");
});
