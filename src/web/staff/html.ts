// Inline SVG charts for the server-rendered dashboard, built with hono/html. Pure.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * A piece of the dashboard built with html``: every value interpolated into it is escaped (report texts are stored
 * verbatim and may contain HTML), while pieces nested in it are not escaped twice. Async only when a piece is.
 */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Bar {
  label: string;
  value: number;
}

function emptyChart(title: string, id: string): Html {
  return html`<figure class="chart" id="${id}"><figcaption>${title}</figcaption><p class="empty">暂无数据</p></figure>`;
}

/** Horizontal bar chart: one row per label, width proportional to the value. */
export function barChart(title: string, bars: Bar[], options: { id: string; color?: string } = { id: "chart" }): Html {
  if (bars.length === 0) return emptyChart(title, options.id);
  const rowHeight = 26;
  const labelWidth = 110;
  const width = 360;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight;
    const w = Math.max(2, Math.round(((width - labelWidth - 50) * bar.value) / max));
    return html`<g class="bar"><text x="${labelWidth - 6}" y="${y + 17}" text-anchor="end">${bar.label.slice(0, 10)}</text><rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${options.color ?? "#2f7d5b"}"><title>${bar.label}：${bar.value}</title></rect><text x="${labelWidth + w + 4}" y="${y + 17}">${bar.value}</text></g>`;
  });
  return html`<figure class="chart" id="${options.id}"><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" viewBox="0 0 ${width} ${bars.length * rowHeight}" width="100%" preserveAspectRatio="xMinYMin meet">${rows}</svg></figure>`;
}

/** Vertical bars over time (weeks), labels under every few columns so they stay legible on a phone. */
export function columnChart(title: string, bars: Bar[], options: { id: string }): Html {
  if (bars.length === 0) return emptyChart(title, options.id);
  const shown = bars.slice(-26);
  const width = 360;
  const height = 160;
  const colWidth = width / shown.length;
  const max = Math.max(...shown.map((b) => b.value), 1);
  const every = Math.ceil(shown.length / 6);
  const cols = shown.map((bar, i) => {
    const h = Math.max(1, Math.round(((height - 40) * bar.value) / max));
    const x = i * colWidth;
    const label = i % every === 0 ? html`<text x="${x + colWidth / 2}" y="${height - 4}" text-anchor="middle" font-size="10">${bar.label.slice(5)}</text>` : "";
    return html`<g class="bar"><rect x="${x + 2}" y="${height - 20 - h}" width="${Math.max(1, colWidth - 4)}" height="${h}" fill="#3b6fb6"><title>${bar.label}：${bar.value}</title></rect>${label}</g>`;
  });
  return html`<figure class="chart" id="${options.id}"><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" width="100%">${cols}</svg></figure>`;
}
