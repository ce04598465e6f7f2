import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { processSlot } from "@/lib/process-state";

const settings = vi.hoisted(() => ({ trustedProxyHops: 0 }));
vi.mock("@/lib/env", () => ({ env: () => settings }));

const {
  addressKey,
  capturePeerAddresses,
  clientAddress,
  PEER_ADDRESS_HEADER,
  peerCaptureActive,
  requestAddress,
} = await import("@/lib/sign-in/client-address");

const capture = processSlot<boolean>("peerCapture");

describe("the client address for sign-in limits", () => {
  it("by default is the TCP peer, whatever X-Forwarded-For says", () => {
    const origin = { peer: "203.0.113.7", forwardedFor: "1.2.3.4" };
    expect(clientAddress(origin, 0)).toBe("203.0.113.7");
    expect(clientAddress({ peer: null, forwardedFor: "1.2.3.4" }, 0)).toBeNull();
  });

  it("behind n trusted proxies is the n-th X-Forwarded-For entry from the right", () => {
    // A client's own X-Forwarded-For comes first; each proxy appends the address it saw.
    const forwardedFor = "6.6.6.6, 198.51.100.20, 10.0.0.5";
    expect(clientAddress({ peer: "10.0.0.9", forwardedFor }, 1)).toBe("10.0.0.5");
    expect(clientAddress({ peer: "10.0.0.9", forwardedFor }, 2)).toBe("198.51.100.20");
    // Fewer entries than proxies: the leftmost, which the nearest untrusted hop wrote.
    expect(clientAddress({ peer: "10.0.0.9", forwardedFor: "198.51.100.20" }, 3)).toBe("198.51.100.20");
    // No header at all (a request that did not come through the proxies): the peer.
    expect(clientAddress({ peer: "10.0.0.9", forwardedFor: null }, 1)).toBe("10.0.0.9");
  });

  it("keys IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64, and nothing else", () => {
    expect(addressKey("127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("1::2:3:4:5:6.7.8.9")).toBe("1:0:2:3::/64");
    for (const junk of ["", "unknown", "1.2.3", "evil, 1.2.3.4", null, undefined])
      expect(addressKey(junk)).toBeNull();
  });

  it("reads every octet of a mapped or trailing IPv4 address, however many digits", () => {
    expect(addressKey("::FFFF:10.200.30.140")).toBe("10.200.30.140");
    expect(addressKey(" [::ffff:192.168.100.200] ")).toBe("192.168.100.200");
    expect(addressKey("::ffff:300.1.1.1"), "not an IPv4 address, not an IPv6 one either").toBeNull();
    expect(addressKey("1::2:3:4:5:16.17.18.19")).toBe("1:0:2:3::/64");
    expect(addressKey("1:2::3:4:5:16.17.18.19")).toBe("1:2:0:3::/64");
    expect(addressKey("x[2001:db8::1]"), "brackets only around the whole").toBeNull();
  });

  it("takes the peer from the socket, overwriting a header of the same name sent by the client", async () => {
    capturePeerAddresses();
    expect(peerCaptureActive()).toBe(true);
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" },
      });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("requestAddress (what the sign-in limits count)", () => {
  let captured: boolean | undefined;
  beforeEach(() => {
    captured = capture.get();
    settings.trustedProxyHops = 0;
  });
  afterEach(() => {
    capture.set(captured);
    vi.restoreAllMocks();
  });

  // First: the warning is given once per process.
  it("without the capture, a peer header can only be the client's own: ignored, and a warning once", () => {
    capture.set(false);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const spoofed = new Headers({ [PEER_ADDRESS_HEADER]: "6.6.6.6" });
    expect(requestAddress(spoofed)).toBeNull();
    expect(requestAddress(spoofed)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/without a known client address.*per account only/);
  });

  it("with the capture in this process: the stamped peer, from Headers or a plain header record alike", () => {
    capture.set(true);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(requestAddress(new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(requestAddress({ [PEER_ADDRESS_HEADER]: "203.0.113.9" })).toBe("203.0.113.9");
    expect(requestAddress({ [PEER_ADDRESS_HEADER]: ["203.0.113.9"] }), "not a string: unknown").toBeNull();
  });

  it("behind trusted proxies: the forwarded address, with or without the capture, and no warning", () => {
    settings.trustedProxyHops = 1;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const headers = new Headers({
      "x-forwarded-for": "6.6.6.6, 198.51.100.1",
      [PEER_ADDRESS_HEADER]: "10.0.0.2",
    });
    capture.set(false);
    expect(requestAddress(headers)).toBe("198.51.100.1");
    capture.set(true);
    expect(requestAddress(headers)).toBe("198.51.100.1");
    expect(requestAddress(new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2" })), "no header: the peer").toBe(
      "10.0.0.2",
    );
    expect(warn).not.toHaveBeenCalled();
  });
});
