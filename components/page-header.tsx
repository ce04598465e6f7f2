type Props = { title: string; description?: string; children?: React.ReactNode };

/** A signed-in page's title, an optional line under it, and its actions. Presentation only. */
export function PageHeader({ title, description, children }: Props) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {description && <p className="mt-1 text-slate-600">{description}</p>}
      </div>
      {children && <div className="flex flex-wrap gap-2">{children}</div>}
    </div>
  );
}
