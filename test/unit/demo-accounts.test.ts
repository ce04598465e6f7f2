import { expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/components/demo-accounts";
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/demo-data";

it("the sign-in page offers every demo account of the seed, the organization ones too", () => {
  expect(DEMO_ACCOUNTS.map((a) => [a.email, a.password])).toEqual(
    [...DEMO_USERS, ...DEMO_MEMBERS].map((u) => [u.email, DEMO_PASSWORD]),
  );
});
