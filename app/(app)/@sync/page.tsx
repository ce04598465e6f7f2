import { ClaimsSync } from "@/components/claims-sync";

/** The sync slot at "/" (components/claims-sync.tsx says why a slot). */
export default ClaimsSync;
