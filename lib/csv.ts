/**
 * CSV (RFC 4180) for every download in the product: a header row, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, text defused against spreadsheet formula injection. Pure; csv-stringify
 * writes the rows, the options below fix how numbers, booleans and would-be formulas are written.
 */
import { stringify, type Options } from 'csv-stringify/sync'

export type CsvValue = string | number | boolean | null | undefined

const CSV_OPTIONS: Options = {
  record_delimiter: 'windows',
  // Quote any field holding CR or LF, not only the CRLF pair (the default once record_delimiter is set).
  quote_record_delimiter: true,
  // Spreadsheets run a cell that starts with = + - @ tab or CR (or their full-width forms) as a formula: text
  // starting so is prefixed with '. Negative numbers stay numbers.
  escape_formulas: true,
  cast: {
    number: (n) => (Number.isFinite(n) ? String(n) : ''),
    boolean: (b) => (b ? 'true' : 'false'),
  },
}

// A byte-order mark lets Excel, which many executives open CSV files in, read UTF-8 names correctly.
const BOM = '\uFEFF'

/** Rows as CSV text, each ended by CRLF; null and undefined are empty fields. */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], CSV_OPTIONS)
}

/** One line without its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return stringify([values as CsvValue[]], { ...CSV_OPTIONS, eof: false })
}

/** One field: numbers as they are, text defused against formula injection and quoted when needed. */
export function csvField(value: CsvValue): string {
  return csvLine([value])
}

/** A whole file: byte-order mark, header row, rows. */
export function csvDocument(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `${BOM}${csvRows([columns, ...rows])}`
}

/** A CSV file as a download (private: it may hold operational figures). */
export function csvResponse(filename: string, text: string): Response {
  return new Response(text, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
