import { describe, expect, it } from "vitest";
import { type Change, judge, type Observation, PROPAGATION_DEADLINE_MS } from "@/measure/soak/checker";

const revoke: Change = { userId: "u", granted: false, committedAt: 1_000, stamp: 50 };
const initial = new Map([["u", true]]);
const seen = (startedAt: number, status: number, stamp: number, instance = "A"): Observation => ({
  userId: "u",
  instance,
  startedAt,
  endedAt: startedAt + 2,
  status,
  stamp,
});

describe("soak checker", () => {
  it("finds no violation when each instance switches once it has seen the revocation", () => {
    const v = judge(
      initial,
      [revoke],
      [seen(990, 200, 40), seen(1_001, 200, 40), seen(1_003, 403, 50), seen(1_010, 403, 50)],
    );
    expect(v).toMatchObject({
      allowedAfterRevocation: 0,
      deniedAfterGrant: 0,
      allowedInWindow: 1,
      longestWindowMs: 1,
    });
  });

  it("counts a 200 after the instance had already answered with the revocation's stamp", () => {
    const v = judge(initial, [revoke], [seen(1_003, 403, 50), seen(1_010, 200, 40)]);
    expect(v.allowedAfterRevocation).toBe(1);
  });

  it("counts a 200 after the deadline even when the instance never showed the new stamp", () => {
    const v = judge(initial, [revoke], [seen(1_000 + PROPAGATION_DEADLINE_MS + 1, 200, 40)]);
    expect(v.allowedAfterRevocation).toBe(1);
  });

  it("judges each instance by what that instance has seen", () => {
    const v = judge(initial, [revoke], [seen(1_003, 403, 50, "A"), seen(1_010, 200, 40, "B")]);
    expect(v).toMatchObject({ allowedAfterRevocation: 0, allowedInWindow: 1 });
  });

  it("accepts a later change that reached the instance early, and counts 5xx and odd statuses", () => {
    const grant: Change = { userId: "u", granted: true, committedAt: 1_020, stamp: 60 };
    const v = judge(
      initial,
      [revoke, grant],
      [seen(1_003, 403, 50), seen(1_021, 200, 60), seen(1_030, 503, 60), seen(1_031, 401, 60)],
    );
    expect(v).toMatchObject({
      allowedAfterRevocation: 0,
      deniedAfterGrant: 0,
      serverErrors: 1,
      otherStatuses: 1,
    });
  });

  it("counts a 403 after a propagated grant separately from violations", () => {
    const grant: Change = { userId: "u", granted: true, committedAt: 1_000, stamp: 50 };
    const v = judge(new Map([["u", false]]), [grant], [seen(1_003, 200, 50), seen(1_010, 403, 40)]);
    expect(v).toMatchObject({ deniedAfterGrant: 1, allowedAfterRevocation: 0 });
  });
});

describe("soak checker, requests in flight", () => {
  it("accepts the new decision for a request that was in flight when the change committed", () => {
    const grant: Change = { userId: "u", granted: true, committedAt: 1_020, stamp: 60 };
    const inFlight: Observation = {
      userId: "u",
      instance: "A",
      startedAt: 1_019,
      endedAt: 1_025,
      status: 200,
      stamp: 60,
    };
    const v = judge(initial, [revoke, grant], [seen(1_003, 403, 50), inFlight]);
    expect(v.allowedAfterRevocation).toBe(0);
  });
});

describe("soak checker, the propagation window", () => {
  it("measures how long after a revocation a stale 200 was still served", () => {
    const v = judge(initial, [revoke], [seen(1_004, 200, 40, "B"), seen(1_009, 403, 50, "B")]);
    expect(v).toMatchObject({ allowedAfterRevocation: 0, allowedInWindow: 1, longestWindowMs: 4 });
  });

  it("does not count a 200 that a later grant explains", () => {
    const grant: Change = { userId: "u", granted: true, committedAt: 1_500, stamp: 60 };
    const v = judge(initial, [revoke, grant], [seen(1_600, 200, 60, "B")]);
    expect(v).toMatchObject({ allowedAfterRevocation: 0, allowedInWindow: 0 });
  });
});

describe("soak checker, a database outage", () => {
  const outage = { cutAt: 2_000, reopenedAt: 5_000 };

  it("expects 503 from the cut until each instance's first other answer, and times the recovery", () => {
    const v = judge(
      initial,
      [revoke],
      [
        seen(1_999, 503, 50, "A"), // in flight at the cut
        seen(3_000, 503, 50, "A"),
        seen(5_010, 503, 50, "A"), // reopened, not yet reconnected
        seen(5_100, 403, 50, "A"),
        seen(4_000, 503, 50, "B"),
        seen(5_020, 403, 50, "B"),
      ],
      outage,
    );
    expect(v).toMatchObject({ refusedDuringOutage: 4, serverErrors: 0, allowedAfterRevocation: 0 });
    expect(v.recoveryMs).toEqual({ A: 102, B: 22 });
  });

  it("counts a 503 after the instance had recovered, or before the cut, as an error", () => {
    const v = judge(
      initial,
      [revoke],
      [
        seen(1_000, 503, 40, "A"),
        seen(5_100, 403, 50, "A"),
        seen(5_200, 503, 50, "A"),
        seen(3_000, 500, 50, "A"),
      ],
      outage,
    );
    expect(v).toMatchObject({ refusedDuringOutage: 0, serverErrors: 3 });
  });

  it("reports an instance that never answered again", () => {
    const v = judge(initial, [revoke], [seen(3_000, 503, 50, "A"), seen(6_000, 503, 50, "A")], outage);
    expect(v.recoveryMs).toEqual({ A: null });
    expect(v.refusedDuringOutage).toBe(2);
  });

  it("still finds a revoked grant served during the outage", () => {
    const v = judge(initial, [revoke], [seen(3_500, 200, 40, "A")], outage);
    expect(v.allowedAfterRevocation).toBe(1);
  });
});
