/**
 * Wide tables scroll sideways on narrow screens. The region is focusable and
 * named, so keyboard users can scroll it too. It positions its content, so a
 * visually hidden (absolutely positioned) label inside stays inside it rather
 * than widening the page.
 */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      {children}
    </div>
  );
}
