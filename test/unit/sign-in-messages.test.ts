import { describe, expect, it } from "vitest";
import { withRetryAfter } from "@/lib/sign-in/next-auth";
import {
  INCORRECT_CREDENTIALS,
  limitedErrorCode,
  parseLimitedError,
  SIGN_IN_UNAVAILABLE,
  signInErrorMessage,
} from "@/lib/auth/protocol";

describe("sign-in answers", () => {
  it("carries the wait in the error code and words it in whole minutes", () => {
    expect(limitedErrorCode(899.2)).toBe("TooManyAttempts:900");
    expect(parseLimitedError("TooManyAttempts:900")).toBe(900);
    expect(parseLimitedError("TooManyAttempts")).toBeNull();
    expect(parseLimitedError("CredentialsSignin")).toBeNull();
    expect(signInErrorMessage("TooManyAttempts:900")).toBe("Too many attempts. Try again in 15 minutes.");
    expect(signInErrorMessage("TooManyAttempts:61")).toBe("Too many attempts. Try again in 2 minutes.");
    expect(signInErrorMessage("TooManyAttempts:5")).toBe("Too many attempts. Try again in 1 minute.");
    expect(signInErrorMessage("CredentialsSignin")).toBe(INCORRECT_CREDENTIALS);
    expect(signInErrorMessage("SignInUnavailable")).toBe(SIGN_IN_UNAVAILABLE);
  });

  it("turns next-auth's 401 for a limited sign-in into 429 with Retry-After, keeping its cookies", async () => {
    const url = "http://127.0.0.1:3000/api/auth/error?error=TooManyAttempts%3A840";
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    const response = await withRetryAfter(new Response(JSON.stringify({ url }), { status: 401, headers }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("840");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    // What next-auth's client signIn() does with the body: it must not throw, and must find the code.
    const body = (await response.json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("TooManyAttempts:840");
  });

  it("also for a redirect (no json), and leaves every other answer alone", async () => {
    const redirect = new Response(null, {
      status: 302,
      headers: { location: "http://localhost/api/auth/error?error=TooManyAttempts%3A60" },
    });
    const limited = await withRetryAfter(redirect);
    expect([limited.status, limited.headers.get("retry-after"), limited.headers.get("location")]).toEqual([
      429,
      "60",
      null,
    ]);
    const wrong = new Response(JSON.stringify({ url: "http://x/api/auth/error?error=CredentialsSignin" }), {
      status: 401,
      headers: { "content-type": "application/json" },
    });
    expect(await withRetryAfter(wrong)).toBe(wrong);
    const ok = new Response(JSON.stringify({ url: "http://x/" }), { status: 200 });
    expect(await withRetryAfter(ok)).toBe(ok);
  });
});
