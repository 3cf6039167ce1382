import type { ReactNode } from 'react';

interface Props {
  caption: string;
  /** The column headings, in order. */
  columns: string[];
  /** Rows become cards on narrow screens; the header row is then for screen readers only. */
  cards?: boolean;
  busy?: boolean;
  testId?: string;
  /** The rows. */
  children: ReactNode;
}

/** A data table that scrolls sideways on its own when too wide: caption, column headings, rows. */
export function Table({ caption, columns, cards = false, busy, testId, children }: Props) {
  return (
    <div className="table-wrap">
      <table
        className={cards ? 'table table--cards' : 'table'}
        {...(busy !== undefined ? { 'aria-busy': busy } : {})}
        {...(testId ? { 'data-testid': testId } : {})}
      >
        <caption>{caption}</caption>
        <thead {...(cards ? { className: 'visually-hidden-narrow' } : {})}>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
