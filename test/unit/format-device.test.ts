import { describe, expect, it } from "vitest";
import { describeAddress, describeUserAgent } from "@/lib/format";

describe("describeUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome on Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Firefox on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Safari on iPhone",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      "Safari on macOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
      "Headless Chrome on Linux",
    ],
    ["curl/8.5.0", "curl"],
    ["node", "Node.js"],
    ["live-authz-client/1.0", "live-authz-client"],
    [null, "Unknown browser"],
    ["   ", "Unknown browser"],
  ])("%s reads %s", (agent, text) => {
    expect(describeUserAgent(agent)).toBe(text);
  });

  it("shortens a long unknown product name", () => {
    expect(describeUserAgent("x".repeat(200))).toBe(`${"x".repeat(39)}…`);
  });
});

describe("describeAddress", () => {
  it.each([
    ["0:0:0:0::/64", "this computer (localhost)"], // ::1 as stored, by its /64
    ["127.0.0.1", "this computer (localhost)"],
    ["2001:db8:1:2::/64", "network 2001:db8:1:2::/64"],
    ["203.0.113.7", "203.0.113.7"],
    [null, null],
  ])("%s reads %s", (address, text) => {
    expect(describeAddress(address)).toBe(text);
  });
});
