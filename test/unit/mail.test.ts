// lib/mail and its settings: where mail goes for each environment (never a
// silent drop), what SMTP_URL and MAIL_FROM accept, that a message really
// leaves through SMTP (to a small SMTP server started here), and the rules a
// new password follows in both forms that choose one.
import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { mailMessageSchema } from "@/lib/mail/message";
import { sendThroughSmtp } from "@/lib/mail/smtp";
import { changePasswordSchema, COMMON_PASSWORD, resetPasswordSchema } from "@/lib/validations/auth";
import { isCommonPassword } from "@/lib/validations/common-passwords";

const SECRET = "x".repeat(40);
const production = { NODE_ENV: "production", NEXTAUTH_SECRET: SECRET };

describe("where mail goes", () => {
  it("SMTP_URL with MAIL_FROM: sent through SMTP, in any environment", () => {
    const smtp = {
      SMTP_URL: "smtps://user:pass@mail.example.com:465",
      MAIL_FROM: "App <no-reply@example.com>",
    };
    for (const base of [{}, production])
      expect(parseEnv({ ...base, ...smtp }).mail).toEqual({
        transport: "smtp",
        smtpUrl: smtp.SMTP_URL,
        from: smtp.MAIL_FROM,
      });
  });

  it("no SMTP_URL outside production: the dev mailbox", () => {
    expect(parseEnv({ NODE_ENV: "development" }).mail.transport).toBe("dev-mailbox");
    expect(parseEnv({ NODE_ENV: "test" }).mail.transport).toBe("dev-mailbox");
  });

  it("no SMTP_URL in production: unavailable, never the dev mailbox unless asked for on this machine", () => {
    expect(parseEnv(production).mail).toEqual({ transport: "unavailable" });
    const local = { ...production, MAIL_DEV_MAILBOX: "true", NEXTAUTH_URL: "http://127.0.0.1:3210" };
    expect(parseEnv(local).mail.transport).toBe("dev-mailbox");
    expect(() => parseEnv({ ...local, NEXTAUTH_URL: "https://app.example.com" })).toThrow(
      /MAIL_DEV_MAILBOX: .*127\.0\.0\.1 or localhost/,
    );
    expect(() => parseEnv({ ...production, MAIL_DEV_MAILBOX: "true" })).toThrow(/MAIL_DEV_MAILBOX/);
  });

  it("refuses SMTP_URL without MAIL_FROM, a URL that is not SMTP, and a MAIL_FROM that is not an address", () => {
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example.com" })).toThrow(/MAIL_FROM is required/);
    for (const url of ["http://mail.example.com", "mail.example.com", "smtp://", "smtp://a b"])
      expect(() => parseEnv({ SMTP_URL: url, MAIL_FROM: "a@example.com" }), url).toThrow(/SMTP_URL must be/);
    for (const from of ["nobody", "App <nobody>", "App <a@example.com>\r\nBcc: x@example.com"])
      expect(() => parseEnv({ MAIL_FROM: from }), from).toThrow(/MAIL_FROM must be an address/);
  });
});

describe("a message", () => {
  it("has one recipient, a one-line subject and bounded sizes", () => {
    const valid = { to: "a@example.com", subject: "Hello", text: "Body" };
    expect(mailMessageSchema.safeParse(valid).success).toBe(true);
    for (const bad of [
      { ...valid, to: "a@example.com, b@example.com" },
      { ...valid, subject: "Hello\r\nBcc: b@example.com" },
      { ...valid, text: "x".repeat(20_001) },
      { ...valid, cc: "b@example.com" },
    ])
      expect(mailMessageSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
  });
});

describe("sending through SMTP", () => {
  let server: Server;
  let port = 0;
  const received: string[] = [];

  // Just enough of SMTP (RFC 5321) for one client: no STARTTLS offered, every command accepted.
  beforeAll(async () => {
    server = createServer((socket) => {
      let data = false;
      let buffer = "";
      socket.write("220 test ESMTP\r\n");
      socket.on("data", (chunk) => {
        buffer += chunk.toString("utf8");
        if (data) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write("250 queued\r\n");
        }
        let line: number;
        while (!data && (line = buffer.indexOf("\r\n")) >= 0) {
          const command = buffer.slice(0, line).toUpperCase();
          buffer = buffer.slice(line + 2);
          if (command.startsWith("EHLO")) socket.write("250-test\r\n250 8BITMIME\r\n");
          else if (command === "DATA") {
            data = true;
            socket.write("354 go on\r\n");
          } else if (command === "QUIT") socket.end("221 bye\r\n");
          else socket.write("250 ok\r\n");
        }
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers the message, from MAIL_FROM, to the server of SMTP_URL", async () => {
    await sendThroughSmtp(`smtp://127.0.0.1:${port}`, "App <no-reply@example.com>", {
      to: "someone@example.com",
      subject: "Reset your password",
      text: "Open http://localhost/reset-password/abc",
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^From: App <no-reply@example\.com>\r?$/m);
    expect(received[0]).toMatch(/^To: someone@example\.com\r?$/m);
    expect(received[0]).toMatch(/^Subject: Reset your password\r?$/m);
    expect(received[0]).toContain("http://localhost/reset-password/abc");
  });
});

describe("a new password", () => {
  it("is refused when it is one of the most common, whatever its case", () => {
    expect(isCommonPassword("password123")).toBe(true);
    expect(isCommonPassword("PassWord123")).toBe(true);
    expect(isCommonPassword("a fresh password, longer")).toBe(false);
  });

  it("follows the same rules in the signed-in change and in a reset", () => {
    const change = (newPassword: string) =>
      changePasswordSchema.safeParse({
        currentPassword: "old one",
        newPassword,
        confirmPassword: newPassword,
      });
    const reset = (newPassword: string) =>
      resetPasswordSchema.safeParse({ token: "a".repeat(43), newPassword, confirmPassword: newPassword });
    for (const parse of [change, reset]) {
      expect(parse("qwerty123").error?.issues.map((i) => i.message)).toEqual([COMMON_PASSWORD]);
      expect(parse("short").error?.issues.map((i) => i.message)).toEqual(["Use at least 8 characters"]);
      expect(parse("a fresh password, longer").success).toBe(true);
    }
  });
});
