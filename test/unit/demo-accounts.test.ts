import { expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/components/demo-accounts";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/demo-data";

it("the sign-in page's demo fills are the seed's demo users", () => {
  expect(DEMO_ACCOUNTS.map((a) => [a.email, a.password])).toEqual(
    DEMO_USERS.map((u) => [u.email, DEMO_PASSWORD]),
  );
});
