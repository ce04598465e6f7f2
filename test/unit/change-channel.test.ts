import { describe, expect, it } from "vitest";
import { parseChangePayload } from "@/lib/db/change-channel";

describe("parseChangePayload", () => {
  it("reads user lists and treats anything else as 'everything changed'", () => {
    expect(parseChangePayload("u:a,b")).toEqual({ userIds: ["a", "b"] });
    expect(parseChangePayload("*")).toEqual({ userIds: null });
    expect(parseChangePayload("u:")).toEqual({ userIds: null });
    expect(parseChangePayload("garbage")).toEqual({ userIds: null });
  });
});
