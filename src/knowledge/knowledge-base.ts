// The loaded knowledge base: validated data plus the search index built from it.
import { createRewriter, foldText, type Rewrite } from "../text/fold.ts";
import { createSegmenter, type Segmenter } from "../text/segmenter.ts";
import { createTypoFixer, type TypoFixer } from "../text/typos.ts";
import type { KnowledgeData } from "./load.ts";
import { KnowledgeIndex } from "./search.ts";
import type { Entry } from "./schema.ts";

export class KnowledgeBase {
  readonly index: KnowledgeIndex;
  readonly segmenter: Segmenter;
  readonly rewrite: (folded: string) => string;
  readonly byId: ReadonlyMap<string, Entry>;
  readonly loadedAt = new Date();

  constructor(readonly data: KnowledgeData) {
    this.rewrite = createRewriter(rewritesFrom(data));
    const terms = userTermsFrom(data, this.rewrite);
    // A jieba of this snapshot's own: a term dropped from data/ is no longer kept whole after a reload.
    this.segmenter = createSegmenter(terms);
    let typos: TypoFixer | undefined;
    // Words saying how someone asks or what went wrong ("有人管不", "坏了") never name a topic either.
    const words = data.conversation;
    const notTopics = new Set(
      [...words.not_topics, ...words.problem_words, ...words.info_questions, ...words.complaint_questions, ...words.followup_words, "有人", "没人"].map(
        (word) => this.rewrite(foldText(word)),
      ),
    );
    this.index = new KnowledgeIndex(
      data.entries,
      this.segmenter,
      this.rewrite,
      notTopics,
      (folded, only) => (typos ? typos.fix(folded, only) : folded),
      data.villages.villages.flatMap((v) => [v.name, ...v.aliases]),
    );
    // Whole terms and the words jieba finds in them (沼气 in 镇中心沼气服务站). Search-mode fragments such as
    // 油补 (from 燃油补贴) are in too; the fixer's anchoring rules keep "有补" from becoming one.
    const tokens = (folded: string) => this.segmenter.tokens(folded);
    typos = createTypoFixer([...terms, ...terms.flatMap((t) => this.segmenter.words(t))], tokens);
    this.byId = new Map(data.entries.map((entry) => [entry.id, entry]));
  }

  get entries(): readonly Entry[] {
    return this.data.entries;
  }
}

/**
 * Colloquial phrases and synonym variants are both rewritten to one canonical form, on the
 * question and on the indexed text alike, so "新农合" and "农村合作医疗" meet in the index.
 */
function rewritesFrom(data: KnowledgeData): Rewrite[] {
  const rewrites: Rewrite[] = [...data.synonyms.colloquial];
  for (const group of data.synonyms.synonyms) {
    for (const variant of group.variants) rewrites.push({ from: variant, to: group.term });
  }
  return rewrites;
}

/** Knowledge base terms become jieba words, so "一户多残" is not cut into 一户 / 多 / 残. */
function userTermsFrom(data: KnowledgeData, rewrite: (s: string) => string): string[] {
  // Many entries share keywords ("残疾人", "补贴"): each distinct term is folded once.
  const terms = new Set<string>();
  const add = (list: readonly string[]) => {
    for (const term of list) terms.add(term);
  };
  for (const group of data.synonyms.synonyms) terms.add(group.term);
  for (const entry of data.entries) {
    terms.add(entry.title);
    add(entry.aliases);
    add(entry.keywords);
    for (const fact of entry.facts) add(fact.keywords);
  }
  for (const village of data.villages.villages) {
    terms.add(village.name);
    add(village.aliases);
  }
  return Array.from(terms, (term) => rewrite(foldText(term)));
}
