// CSV (RFC 4180) that spreadsheets open safely: quoted where needed, and cells that a spreadsheet
// would run as a formula (= + - @, tab, carriage return first) get a leading apostrophe.

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
