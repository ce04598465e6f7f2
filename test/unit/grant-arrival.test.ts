// The refusal page says when a grant would reach the user as this server's
// mode makes it true: the signed-in layout provides the sentence (lib/env.ts,
// grantArrival), and without a provider the default mode's promise stands.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GrantArrivalProvider } from "@/components/grant-arrival";
import { NotAllowed } from "@/components/not-allowed";
import { grantArrival } from "@/lib/env";

const refusal = (arrival?: string) => {
  const page = createElement(NotAllowed, { permission: ["reports.read"] });
  return renderToStaticMarkup(
    arrival === undefined ? page : createElement(GrantArrivalProvider, { value: arrival }, page),
  );
};

describe("NotAllowed", () => {
  it("says what the provided mode promises, and names the permission", () => {
    const html = refusal(grantArrival("lazy", 5));
    expect(html).toContain("reports.read");
    expect(html).toContain("It takes effect within 5 s, without signing in again.");
    expect(html).not.toContain("next request");
    expect(refusal(grantArrival("reauth", 60))).toContain("you are signed out");
  });

  it("without a provider: the default mode's promise", () => {
    expect(refusal()).toContain(grantArrival("cached", 60));
  });
});
