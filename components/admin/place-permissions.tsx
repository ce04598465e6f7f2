import type { PlacePermissions } from "@/lib/admin";

/** Where each permission counts, one line per place: "Platform: users.read, …", "Acme: reports.read". */
export function PlacePermissionsList({ places, label }: { places: PlacePermissions[]; label: string }) {
  if (places.length === 0) return <span className="text-sm text-slate-600">None</span>;
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {places.map((place) => (
        <li key={place.organization?.id ?? "platform"}>
          <span className="font-medium">{place.organization?.name ?? "Platform"}:</span>{" "}
          {place.permissions.length > 0 ? (
            <span className="font-mono text-xs break-words text-slate-700">
              {place.permissions.join(", ")}
            </span>
          ) : (
            <span className="text-slate-600">none</span>
          )}
        </li>
      ))}
    </ul>
  );
}
