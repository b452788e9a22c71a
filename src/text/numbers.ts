// Chinese numbers as villagers write them: 六十五, 两千, 0.2万, 一万二, 俩, 仨. Pure.
import Nzh from "nzh";

const BIG_TO_SMALL: Record<string, string> = {
  壹: "一",
  贰: "二",
  貳: "二",
  叁: "三",
  參: "三",
  肆: "四",
  伍: "五",
  陆: "六",
  陸: "六",
  柒: "七",
  捌: "八",
  玖: "九",
  拾: "十",
  佰: "百",
  仟: "千",
  〇: "零",
  两: "二",
  兩: "二",
  俩: "二",
  倆: "二",
  仨: "三",
  萬: "万",
};
const NEXT_LOWER: Record<string, string> = { 万: "千", 千: "百", 百: "十" };

/** One number as written; "一万二" means 12000 in speech (nzh reads it as 10002), so the unit is filled in first. */
export function parseNumber(token: string): number | undefined {
  const text = token.normalize("NFKC").trim().replace(/[,，]/g, "");
  if (!text) return undefined;
  if (text === "半") return 0.5; // "半吨", "半亩"
  const scaled = /^(\d+(?:\.\d+)?)(万|千|百)?$/.exec(text);
  if (scaled) {
    const base = Number(scaled[1]);
    const factor = scaled[2] === "万" ? 10_000 : scaled[2] === "千" ? 1000 : scaled[2] === "百" ? 100 : 1;
    return Number.isFinite(base) ? round(base * factor) : undefined;
  }
  let chinese = [...text].map((c) => BIG_TO_SMALL[c] ?? c).join("");
  if (!/^[零一二三四五六七八九十百千万亿点]+$/.test(chinese)) return undefined;
  const colloquial = /([万千百])([一二三四五六七八九])$/.exec(chinese);
  if (colloquial && !chinese.includes("点")) chinese += NEXT_LOWER[colloquial[1]!]!;
  const value = Number(Nzh.cn.decodeS(chinese));
  // nzh answers 0 for text it cannot read; a real zero is only "零".
  if (!Number.isFinite(value) || (value === 0 && chinese !== "零")) return undefined;
  return value;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
