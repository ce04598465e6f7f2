// How a session's device and address read in the session lists: "Chrome on
// Linux" rather than a raw user agent, and "this computer (localhost)" rather
// than "0:0:0:0::/64". A small parser of our own for the major browsers and
// systems (no dependency for a label); anything else keeps its product name.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\bHeadlessChrome\//, "Headless Chrome"],
  [/\b(?:Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/^curl\//, "curl"],
  [/^(?:node|undici)\b/, "Node.js"],
  [/^python-requests\//, "Python requests"],
  [/^Go-http-client\//, "Go"],
  [/^PostmanRuntime\//, "Postman"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (table: [RegExp, string][], text: string) => table.find(([pattern]) => pattern.test(text))?.[1];

/** "Chrome on Linux", "Safari on iPhone", "curl"; an unknown agent by its first product, shortened. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const agent = userAgent?.trim() ?? "";
  if (!agent) return "Unknown browser";
  const browser = first(BROWSERS, agent);
  const system = first(SYSTEMS, agent);
  if (browser) return system ? `${browser} on ${system}` : browser;
  const product = agent.split(/[\s/;(]/)[0] || agent;
  const name = product.length > 40 ? `${product.slice(0, 39)}…` : product;
  return system ? `${name} on ${system}` : name;
}

/** IPv4 127.0.0.0/8, and IPv6 ::1 as stored by its /64 (lib/sign-in/client-address.ts): "0:0:0:0::/64". */
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|0:0:0:0::\/64|::\/64|::ffff:127\.\d+\.\d+\.\d+)$/i;

/** "this computer (localhost)" for a loopback address; an IPv6 /64 as "a network …"; IPv4 as is. */
export function describeAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  if (LOOPBACK.test(address)) return "this computer (localhost)";
  if (address.endsWith("::/64")) return `network ${address}`;
  return address;
}
