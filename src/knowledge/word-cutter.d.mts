import type { Jieba } from "@node-rs/jieba";

/** True for a Han code point (the same test as the regex /\p{Script=Han}/u). */
export function isHan(codePoint: number): boolean;

/** Search words of folded text: jieba's search-mode cut, numbers kept whole, stopwords and punctuation dropped. */
export function cutWords(jieba: Jieba, folded: string, stopwords: ReadonlySet<string>, out?: string[]): string[];

/** jieba user-dictionary lines ("term 2000 n") for the terms jieba should keep whole. */
export function userDictLines(terms: Iterable<string>): string[];
