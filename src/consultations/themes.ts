// Groups villagers' comments by what they are about, by keyword, so a cadre reads themes, not a pile. Pure.

/**
 * Themes a township project's comments usually fall into (the seed's own examples: land transfer, digester
 * upkeep, roads, river works, the kindergarten's cost). A comment may touch several themes; it is counted
 * under the first that matches, so the counts add up to the number of comments.
 */
export const COMMENT_THEMES: ReadonlyArray<{ theme: string; keywords: string[] }> = [
  { theme: "补偿与费用", keywords: ["补偿", "赔", "钱", "费", "租金", "价格", "补贴", "收入", "分红", "入股", "成本", "贵"] },
  { theme: "道路与交通", keywords: ["路", "桥", "车", "交通", "出行"] },
  { theme: "噪音与环境", keywords: ["吵", "噪", "声音", "污染", "臭", "味", "垃圾", "环境", "灰", "尘", "水源", "河"] },
  { theme: "土地与占地", keywords: ["地", "征", "流转", "庄稼", "耕"] },
  { theme: "安全", keywords: ["安全", "危险", "隐患", "孩子", "老人"] },
  { theme: "后期管理与维护", keywords: ["管理", "维护", "维修", "修", "坏", "没人管", "后期"] },
  { theme: "时间与进度", keywords: ["时间", "工期", "什么时候", "先", "等", "拖", "尽快", "早点", "晚点"] },
  { theme: "信息公开与程序", keywords: ["公开", "公示", "商量", "开会", "说清楚", "透明", "程序", "签字"] },
];

export const OTHER_THEME = "其他";

export function themeOf(comment: string): string {
  for (const { theme, keywords } of COMMENT_THEMES) {
    if (keywords.some((k) => comment.includes(k))) return theme;
  }
  return OTHER_THEME;
}

export interface ThemedComment {
  text: string;
  optionIndex: number;
}

export interface CommentTheme {
  theme: string;
  comments: ThemedComment[];
}

/** Content words of a comment (jieba, stopwords dropped); optional, for comments no keyword theme catches. */
export type WordCutter = (text: string) => string[];

/** A word shared by this many otherwise unthemed comments becomes a theme of its own ("关于“广场”"). */
const MIN_SHARED = 2;

/**
 * Themes in order of size (largest first), "其他" last. Comments no keyword theme catches are clustered
 * by the word most of them share, greedily, so new topics (a square, a school) still surface.
 */
export function groupByTheme(comments: readonly ThemedComment[], cut?: WordCutter): CommentTheme[] {
  const groups = new Map<string, ThemedComment[]>();
  const add = (theme: string, comment: ThemedComment) => {
    const list = groups.get(theme) ?? [];
    list.push(comment);
    groups.set(theme, list);
  };
  let rest: Array<{ comment: ThemedComment; words: Set<string> }> = [];
  for (const comment of comments) {
    const theme = themeOf(comment.text);
    if (theme !== OTHER_THEME || !cut) add(theme, comment);
    else rest.push({ comment, words: new Set(cut(comment.text).filter((w) => w.length >= 2 && !/^\d+$/.test(w))) });
  }
  while (rest.length > 0) {
    const frequency = new Map<string, number>();
    for (const { words } of rest) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const [word, count] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ["", 0];
    if (count < MIN_SHARED) break;
    for (const item of rest) if (item.words.has(word)) add(`关于“${word}”`, item.comment);
    rest = rest.filter((item) => !item.words.has(word));
  }
  for (const { comment } of rest) add(OTHER_THEME, comment);
  return [...groups.entries()]
    .map(([theme, list]) => ({ theme, comments: list }))
    .sort((a, b) => (a.theme === OTHER_THEME ? 1 : 0) - (b.theme === OTHER_THEME ? 1 : 0) || b.comments.length - a.comments.length);
}
