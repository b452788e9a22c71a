// CSV and XLSX exports of reports (exceljs), with the same privacy rules as the API.
import ExcelJS from "exceljs";
import type { PresentedReport } from "./present.ts";

const COLUMNS: Array<{ header: string; key: string; width: number; value: (r: PresentedReport) => string | number }> = [
  { header: "回执号", key: "receipt", width: 12, value: (r) => r.receipt },
  { header: "反映时间", key: "createdAt", width: 22, value: (r) => r.createdAt },
  { header: "村", key: "village", width: 10, value: (r) => r.village ?? "" },
  { header: "类别", key: "category", width: 10, value: (r) => r.category ?? "" },
  { header: "位置", key: "place", width: 14, value: (r) => r.place.join("、") },
  { header: "状态", key: "state", width: 12, value: (r) => r.stateLabel },
  { header: "内容", key: "text", width: 60, value: (r) => r.text },
  {
    header: "反映人",
    key: "reporter",
    width: 18,
    value: (r) => (r.reporter ? (r.reporter.displayName ?? `${r.reporter.channel}:${r.reporter.userId}`) : "匿名"),
  },
  { header: "同一问题人数", key: "meToo", width: 12, value: (r) => r.meToo + 1 },
  { header: "已过天数", key: "ageDays", width: 10, value: (r) => r.ageDays },
];

/** Spreadsheet programs run cells starting with = + - @ as formulas: a report text must stay text. */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number): string {
  const text = typeof value === "number" ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM so Excel on Windows opens the Chinese text correctly. */
export function reportsToCsv(reports: PresentedReport[]): string {
  const lines = [COLUMNS.map((c) => c.header).join(",")];
  for (const report of reports) lines.push(COLUMNS.map((c) => csvCell(c.value(report))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function reportsToXlsx(reports: PresentedReport[], title = "反映"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "乡亲助手";
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const report of reports) {
    const row: Record<string, string | number> = {};
    // exceljs writes strings as text cells, never formulas, so no defusing is needed here.
    for (const c of COLUMNS) row[c.key] = c.value(report);
    sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
