/**
 * Every table and matrix downloads as CSV and JSON exactly as shown: the file is read from the
 * cells the page drew (their text; sort arrows and help links, marked aria-hidden or
 * data-decoration, left out),
 * so it cannot drift from the screen. Made in the page as a Blob: no request leaves it.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TableText {
  header: string[];
  rows: string[][];
}

function cellText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy
    .querySelectorAll('[aria-hidden="true"], [data-decoration]')
    .forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A table's last header row and its body rows, as text. */
export function tableText(table: HTMLTableElement): TableText {
  const headerRows = table.tHead?.rows;
  const headerRow = headerRows === undefined ? undefined : headerRows[headerRows.length - 1];
  const body = Array.from(table.tBodies).flatMap((section) => Array.from(section.rows));
  return {
    header: headerRow === undefined ? [] : Array.from(headerRow.cells, cellText),
    rows: body.map((row) => Array.from(row.cells, cellText)),
  };
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv({ header, rows }: TableText): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** One object per row, keyed by the column headers as shown. */
export function toJson({ header, rows }: TableText): string {
  const objects = rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name || `column ${i + 1}`, row[i] ?? ''])),
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function save(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the Blob by the next task; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** CSV and JSON buttons for whatever `read` returns when pressed. */
export function DownloadButtons({ name, read }: { name: string; read: () => TableText | null }) {
  const download = (format: 'csv' | 'json') => {
    const text = read();
    if (text === null) return;
    if (format === 'csv') save(`${name}.csv`, toCsv(text), 'text/csv;charset=utf-8');
    else save(`${name}.json`, toJson(text), 'application/json');
  };
  return (
    <span class="downloads" role="group" aria-label={`Download ${name}`}>
      Download{' '}
      <button type="button" class="link-button" data-download="csv" onClick={() => download('csv')}>
        CSV
      </button>{' '}
      <button
        type="button"
        class="link-button"
        data-download="json"
        onClick={() => download('json')}
      >
        JSON
      </button>
    </span>
  );
}

/** A table with its download buttons: the files hold the table drawn inside. */
export function DownloadableTable({
  name,
  children,
}: {
  name: string;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  return (
    <div class="downloadable" ref={box} data-downloadable={name}>
      <DownloadButtons
        name={name}
        read={() => {
          const table = box.current?.querySelector('table');
          return table ? tableText(table) : null;
        }}
      />
      {children}
    </div>
  );
}
