/**
 * Wide tables scroll sideways on narrow screens. The region is focusable and
 * named, so keyboard users can scroll it too. It positions its content, so a
 * visually hidden (absolutely positioned) label inside stays inside it rather
 * than widening the page.
 */
export function ScrollRegion({
  label,
  children,
  ref,
}: {
  label: string;
  children: React.ReactNode;
  ref?: React.Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={ref}
      role="region"
      aria-label={label}
      tabIndex={0}
      // scroll-shadows (app/globals.css): a shade at an edge with more to scroll to.
      className="scroll-shadows relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      {children}
    </div>
  );
}
