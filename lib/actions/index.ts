// lib/actions: how a server action is built. protectedAction checks who asks
// and what they send; publicAction, for visitors, what they send; adminAction
// adds a lib/admin change on the app's database. Client components import
// ./state.ts (the form state) instead.
export { adminAction } from "./admin-action";
export {
  inputSchemaOf,
  isPublicAction,
  permissionOf,
  type ProtectedAction,
  protectedAction,
} from "./protected-action";
export { publicAction } from "./public-action";
export * from "./state";
