// A server action for visitors who are not signed in (forgot password, a
// reset link). There is nobody to authenticate, so everything rests on the
// rest of protectedAction's discipline: the input is parsed with zod (each
// field bounded in size) before anything runs, refusals change nothing and
// say why, and the action itself applies the limits that stand in for an
// identity (lib/sign-in/limits.ts). After acting, it waits until this
// instance has heard of the change, like every other action.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { settleChanges } from "@/lib/live";
import { parseForm, type ProtectedAction, recordBuilt } from "./protected-action";
import { ActionError, type ActionState, failure } from "./state";

type Options<S extends z.ZodType> = {
  schema: S;
  run(input: z.output<S>): Promise<ActionState>;
};

export function publicAction<S extends z.ZodType>(options: Options<S>): ProtectedAction {
  const action: ProtectedAction = async (_previous, formData) => {
    const parsed = parseForm(options.schema, formData);
    if (!parsed.ok) return parsed.state;
    let state: ActionState;
    try {
      state = await options.run(parsed.data);
    } catch (error) {
      if (error instanceof ActionError) return failure(error.message, error.fieldErrors);
      await settleChanges();
      unstable_rethrow(error); // redirect() is how a reset ends
      console.error("[action] failed:", error);
      return failure("Something went wrong, and nothing was changed. Try again.");
    }
    await settleChanges();
    return state;
  };
  recordBuilt(action, { schema: options.schema, permission: null, anonymous: true });
  return action;
}
