"use client";

// The forms of /admin/organizations: create one, rename one, add a member.
import type { ProtectedAction } from "@/lib/actions";
import { ActionForm } from "../action-form";
import { SelectField, TextField } from "../field";
import { localTimeToIso } from "../use-action-form";

export function CreateOrganizationForm({ action }: { action: ProtectedAction }) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      title={{
        id: "create-organization-title",
        text: "Create organization",
        as: "h2",
        className: "font-semibold",
      }}
      submit={{ label: "Create organization", pendingLabel: "Creating…" }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <>
          <TextField name="name" label="Name" autoComplete="off" required errors={errors("name")} />
          <TextField
            name="slug"
            label="Slug"
            autoComplete="off"
            required
            hint="Lower-case letters, digits and hyphens; it cannot change later."
            errors={errors("slug")}
          />
        </>
      )}
    </ActionForm>
  );
}

export function RenameOrganizationForm({
  action,
  organization,
}: {
  action: ProtectedAction;
  organization: { id: string; name: string };
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ organizationId: organization.id }}
      visibleFields={["name"]}
      title={{ id: "rename-organization-title", text: "Rename", as: "h2", className: "font-semibold" }}
      submit={{ label: "Rename", pendingLabel: "Renaming…", variant: "secondary" }}
      formKey={organization.name}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <TextField
          name="name"
          label="Name"
          defaultValue={organization.name}
          required
          errors={errors("name")}
        />
      )}
    </ActionForm>
  );
}

export function AddMemberForm({
  action,
  organizationId,
  roles,
}: {
  action: ProtectedAction;
  organizationId: string;
  roles: { id: string; name: string }[];
}) {
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      prepare={localTimeToIso("expiresAt")}
      hidden={{ organizationId }}
      visibleFields={["email", "roleId", "expiresAt"]}
      title={{ id: "add-member-title", text: "Add a member", as: "h2", className: "font-semibold" }}
      submit={{ label: "Add member", pendingLabel: "Adding…" }}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      {(errors) => (
        <>
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="off"
            required
            hint="The address gets an invitation by mail and joins once it accepts (a platform admin adds an existing account at once)."
            errors={errors("email")}
          />
          <SelectField name="roleId" label="Role" required errors={errors("roleId")}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="expiresAt"
            label="Ends (your local time)"
            type="datetime-local"
            step={1}
            hint="Empty: never ends."
            errors={errors("expiresAt")}
          />
        </>
      )}
    </ActionForm>
  );
}

export function MemberExpiryForm({
  action,
  organizationId,
  member,
}: {
  action: ProtectedAction;
  organizationId: string;
  member: { userId: string; roleId: string; roleName: string; name: string };
}) {
  return (
    <details>
      <summary className="cursor-pointer rounded px-1 text-sm font-medium text-indigo-700 hover:underline">
        Change end
        <span className="sr-only">
          {" "}
          of {member.name}&apos;s {member.roleName}
        </span>
      </summary>
      <ActionForm
        action={action}
        prepare={localTimeToIso("expiresAt")}
        hidden={{ organizationId, userId: member.userId, roleId: member.roleId }}
        visibleFields={["expiresAt"]}
        submit={{ label: "Save end", pendingLabel: "Saving…", variant: "secondary" }}
        className="mt-2 w-64 space-y-2"
      >
        {(errors) => (
          <TextField
            name="expiresAt"
            label={`New end of ${member.roleName} (your local time)`}
            type="datetime-local"
            step={1}
            hint="Empty: never ends."
            errors={errors("expiresAt")}
          />
        )}
      </ActionForm>
    </details>
  );
}
