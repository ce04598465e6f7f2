import { ClaimsSync } from "@/components/claims-sync";

/** The sync slot on every other signed-in path (components/claims-sync.tsx says why a slot). */
export default ClaimsSync;
