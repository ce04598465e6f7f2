import { ScrollRegion } from "./scroll-region";

const TH = "px-4 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
export const TD = "px-4 py-3 text-left align-top text-sm";

/** A column heading; a hidden one is still read out (e.g. over a column of buttons). */
type Column = string | { label: string; hidden: boolean };

type Props<T> = {
  /** Names the scroll region, for keyboard and screen reader users. */
  label: string;
  /**
   * The table's min-width class from 40rem up, where narrower windows scroll it
   * sideways. Below 40rem every row is a card (app/globals.css: .stacked-table):
   * give each <td> a data-label with its column's name.
   */
  minWidth: string;
  columns: Column[];
  rows: T[];
  /** Said instead of an empty table; without it, the caller has handled having no rows. */
  empty?: React.ReactNode;
  /** One keyed <tr> per row, with a <th scope="row"> that names it. */
  children: (row: T) => React.ReactNode;
};

/**
 * The admin lists' table: column headings with scope, one row per item, and
 * what to say when there is none. On a phone, rows stack as cards.
 */
export function DataTable<T>({ label, minWidth, columns, rows, empty, children }: Props<T>) {
  if (rows.length === 0 && empty !== undefined) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm">{empty}</p>;
  }
  return (
    <ScrollRegion label={label}>
      <table className={`stacked-table w-full ${minWidth}`}>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => {
              const heading = typeof column === "string" ? { label: column, hidden: false } : column;
              return (
                <th key={heading.label} scope="col" className={TH}>
                  {heading.hidden ? <span className="sr-only">{heading.label}</span> : heading.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{rows.map((row) => children(row))}</tbody>
      </table>
    </ScrollRegion>
  );
}
