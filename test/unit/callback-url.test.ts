import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/sign-in/callback-url";

const ORIGIN = "http://127.0.0.1:3000";

describe("safeCallbackUrl", () => {
  it("keeps paths on the app's own origin, with their query and fragment", () => {
    expect(safeCallbackUrl("/reports", ORIGIN)).toBe("/reports");
    expect(safeCallbackUrl("/admin/users?q=a%40b.c&role=x#top", ORIGIN)).toBe(
      "/admin/users?q=a%40b.c&role=x#top",
    );
    expect(safeCallbackUrl(`${ORIGIN}/admin`, ORIGIN)).toBe("/admin"); // absolute, same origin
    expect(safeCallbackUrl("/", ORIGIN)).toBe("/");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https://evil.example",
    "https://evil.example/reports",
    "//evil.example/%2F..",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://127.0.0.1:3001/", // another port is another origin
    "https://127.0.0.1:3000/", // and another scheme
    "http://user@evil.example",
    "http://127.0.0.1:3000@evil.example/",
  ])("sends %j home", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it("resolves look-alikes the way a browser does: some stay here, harmlessly", () => {
    // "http:" with the app's scheme and no slashes is a relative path in a browser.
    expect(safeCallbackUrl("http:evil.example", ORIGIN)).toBe("/evil.example");
    // An encoded backslash is just a path segment on this origin.
    expect(safeCallbackUrl("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
  });

  it("never returns to the sign-in page, and ignores what is not one string", () => {
    expect(safeCallbackUrl("/sign-in?callbackUrl=//evil.example", ORIGIN)).toBe("/");
    expect(safeCallbackUrl("/sign-in/", ORIGIN)).toBe("/");
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackUrl("", ORIGIN)).toBe("/");
    expect(safeCallbackUrl(["/reports", "//evil.example"], ORIGIN)).toBe("/");
  });

  it("every answer resolves to the app's origin, whatever base the browser uses", () => {
    const values = [
      "/.//evil.example",
      "/reports",
      "http:evil.example",
      "/%5Cevil.example",
      "/\\evil.example",
    ];
    for (const value of values) {
      const answer = safeCallbackUrl(value, ORIGIN);
      for (const page of [`${ORIGIN}/sign-in`, `${ORIGIN}/a/b/c?x=1`])
        expect(new URL(answer, page).origin, `${value} → ${answer}`).toBe(ORIGIN);
    }
  });
});
