// A valid example input for an action's schema, written beside the schema so
// that adding an action does not mean editing a test table. The authorization,
// hostile-input and validation tests (test/support/action-samples.ts) find it
// from the action itself (action → its schema → its sample) and fill it in
// from their fixture; an action whose schema has no sample fails them.
import type { z } from "zod";

/** The test fixture a sample is written against: the demo data plus a target user and two spare roles. */
export type SampleFixture = {
  /** A Viewer who also holds Spare: the user that user actions act on. */
  target: string;
  viewerRole: string;
  editorRole: string;
  /** A role the target holds besides Viewer, free to rename, re-time or grant permissions to. */
  spareRole: string;
  /** A role nobody holds, free to delete. */
  doomedRole: string;
  /** An organization (acme) the target is a Viewer in, and one with no members, free to delete. */
  organization: string;
  otherOrganization: string;
  /** An open invitation into `organization`, free to revoke. */
  invitation: string;
  /** An instant a week from now, as a form sends it. */
  future: string;
  /** What a form for this user carries now. */
  permissionsUpdatedAtOf(userId: string): Promise<number>;
  /** What a form for this role carries now. */
  versionOf(roleId: string): Promise<number>;
  /** The id of a new active session of this user (a browser signed in just now). */
  sessionOf(userId: string): Promise<string>;
};

type Field = string | number;

/** Every field of the schema's input, each filled in: a new field without a value does not compile. */
export type Sample<S extends z.ZodType> = (
  fixture: SampleFixture,
) => Record<keyof z.input<S> & string, Field> | Promise<Record<keyof z.input<S> & string, Field>>;

const samples = new WeakMap<z.ZodType, Sample<z.ZodType>>();

/** `schema`, with `sample` recorded as a valid input for it. */
export function withSample<S extends z.ZodType>(schema: S, sample: Sample<S>): S {
  samples.set(schema, sample as Sample<z.ZodType>);
  return schema;
}

export function sampleOf(
  schema: z.ZodType,
): ((fixture: SampleFixture) => Promise<Record<string, Field>>) | null {
  const sample = samples.get(schema);
  return sample ? async (fixture) => sample(fixture) : null;
}
