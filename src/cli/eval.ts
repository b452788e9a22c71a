// `npm run eval [file.jsonl …] [--verbose] [--only=category]`: scores the in-process engine on evaluation sets,
// per category, counting wrong figures. Files with `turns` are conversations, checked on the last reply.
import { existsSync, readFileSync } from "node:fs";
import { judge, parseConversations, parseEvalSet, tally, type EvalConversation, type Verdict } from "../eval/score.ts";
import { createLocalApp } from "./local-app.ts";

const DEFAULT_SETS = [
  "test/eval/dev.jsonl",
  "test/eval/conversations.jsonl",
  "test/eval/independent/singles.jsonl",
  "test/eval/independent/conversations.jsonl",
  // Written later by another writer from the seed alone, and not tuned against item by item: the check on
  // whether what was fixed for the first set generalises.
  "test/eval/holdout/singles.jsonl",
  "test/eval/holdout/conversations.jsonl",
  // A third writer's set, first run once as it came (see the closing note of issue 12).
  "test/eval/final/singles.jsonl",
  "test/eval/final/conversations.jsonl",
  // A fourth writer's set (this session), run once as delivered before any change: 70.4 %, 21 wrong figures.
  "test/eval/fourth/singles.jsonl",
  "test/eval/fourth/conversations.jsonl",
  // A fifth writer's set, run once as delivered after the fourth was tuned on: 83.8 %, 10 wrong figures
  // (the session's starting commit scored 78.1 %, 12 wrong figures on it).
  "test/eval/fifth/singles.jsonl",
  "test/eval/fifth/conversations.jsonl",
  // A sixth writer's set, run once as delivered after the fifth was tuned on: 76.0 %, 9 wrong figures
  // (the session's starting commit: 72.0 %, 9).
  "test/eval/sixth/singles.jsonl",
  "test/eval/sixth/conversations.jsonl",
  // A seventh writer's set, run once as delivered at the end of the session: 82.3 %, 6 wrong figures
  // (the session's starting commit: 70.3 %, 7).
  "test/eval/seventh/singles.jsonl",
  "test/eval/seventh/conversations.jsonl",
  // An eighth writer's set (next session), run as delivered on that session's starting commit: 78.4 %, 15
  // wrong figures. Odd-numbered lines were tuned on first; the other half, run blind at the end: 80.9 %, 9
  // wrong figures (74.3 %, 8 on the starting commit). Both halves were tuned on afterwards.
  "test/eval/eighth/singles.jsonl",
  "test/eval/eighth/conversations.jsonl",
  // A ninth writer's set (the session after), run as delivered on that session's starting commit: 82.3 %, 11
  // wrong figures. Odd-numbered lines were tuned on; the other half, run blind after that work: 86.2 %, 4 wrong
  // figures (83.6 %, 4 on the starting commit). Both halves were tuned on afterwards.
  "test/eval/ninth/singles.jsonl",
  "test/eval/ninth/conversations.jsonl",
  // A tenth writer's set (the session after that), run as delivered on that session's starting commit: 89.8 %, 0
  // wrong figures. Odd-numbered lines were tuned on; the other half, run after that work: 89.7 % (88.5 % on the
  // starting commit). Both halves were tuned on afterwards.
  "test/eval/tenth/singles.jsonl",
  "test/eval/tenth/conversations.jsonl",
  // An eleventh writer's set, written in the same session after the tenth was tuned on and run blind then:
  // 88.2 % (86.5 % on the session's starting commit). Odd-numbered lines were tuned on; the other half, run
  // after that: 87.7 % (84.4 % on the starting commit). Both halves were tuned on afterwards.
  "test/eval/eleventh/singles.jsonl",
  "test/eval/eleventh/conversations.jsonl",
  // A twelfth writer's set, run blind at the end of that session: 90.5 % (89.5 % on its starting commit). One
  // regression it showed (a subsidy named only in other words) was fixed; nothing else was tuned on it.
  "test/eval/twelfth/singles.jsonl",
  "test/eval/twelfth/conversations.jsonl",
  // A thirteenth writer's set (240 questions, 50 conversations), run blind at the start of the session that
  // added it: 235/290 (81.0 %, 3 wrong figures) on the starting commit, 236 after the first change.
  "test/eval/thirteenth/singles.jsonl",
  "test/eval/thirteenth/conversations.jsonl",
  // A fourteenth writer's set (200 questions, 60 conversations; more cadres, more regions), run blind in the
  // same session once the thirteenth had been tuned on: 204/260 (78.5 %, 2 wrong figures) on the session's
  // starting commit, 209/260 (80.4 %) on the main of that moment.
  "test/eval/fourteenth/singles.jsonl",
  "test/eval/fourteenth/conversations.jsonl",
  // A fifteenth writer's set (220 questions, 50 conversations), written during that session and run once,
  // blind, when its work was done: 231/270 (85.6 %, 3 wrong figures) on the session's starting commit,
  // 249/270 (92.2 %, 3 wrong figures) on its final code. The three were then fixed.
  "test/eval/fifteenth/singles.jsonl",
  "test/eval/fifteenth/conversations.jsonl",
  // A sixteenth writer's set (230 questions, 50 conversations), run blind early in the next session:
  // 249/280 (88.9 %, 0 wrong figures) both on that session's starting commit and after its first four changes.
  "test/eval/sixteenth/singles.jsonl",
  "test/eval/sixteenth/conversations.jsonl",
  // A seventeenth writer's set (220 questions, 60 conversations; more regions' dialects), run blind in the
  // same session after its first dozen changes: 247/280 (88.2 %) on the starting commit, 250/280 (89.3 %)
  // on the main of that moment, 0 wrong figures on either.
  "test/eval/seventeenth/singles.jsonl",
  "test/eval/seventeenth/conversations.jsonl",
  // An eighteenth writer's set (200 questions, 60 conversations; voice dictation, abbreviations), run blind
  // near the end of that session: 210/260 (80.8 %) on the starting commit, 222/260 (85.4 %) on the main of
  // that moment, 0 wrong figures on either.
  "test/eval/eighteenth/singles.jsonl",
  "test/eval/eighteenth/conversations.jsonl",
  // A nineteenth writer's set (200 questions, 60 conversations; cadres counting for others, gone members,
  // tasks and targets), run blind at the start of its session: 215/260 (82.7 %), with 8 answers missing
  // or misreading the asked figure.
  "test/eval/nineteenth/singles.jsonl",
  "test/eval/nineteenth/conversations.jsonl",
  // A twentieth writer's set (200 questions, 60 conversations; the township's methods and the city's report
  // leaned on), run blind mid-session: 223/260 (85.8 %) on the session's starting commit, 227/260 (87.3 %) on
  // the main of that moment.
  "test/eval/twentieth/singles.jsonl",
  "test/eval/twentieth/conversations.jsonl",
  // A twenty-first writer's set (180 questions, 80 conversations; households and reports told over several
  // messages), run blind late in the session: 222/260 (85.4 %) on the session's starting commit, 226/260
  // (86.9 %) on the main of that moment.
  "test/eval/twentyfirst/singles.jsonl",
  "test/eval/twentyfirst/conversations.jsonl",
  // A twenty-second writer's set (200 questions, 60 conversations; all three plans, households told over
  // several messages): 230/260 (88.5 %) on the session's starting commit, 229/260 on main one commit in.
  "test/eval/twentysecond/singles.jsonl",
  "test/eval/twentysecond/conversations.jsonl",
  // A twenty-third writer's set (160 questions, 100 conversations; households and cadres' tallies over several
  // messages): 208/260 (80.0 %) on the session's starting commit, 215/260 (82.7 %) on main eight commits in.
  "test/eval/twentythird/singles.jsonl",
  "test/eval/twentythird/conversations.jsonl",
  // A twenty-fourth writer's set (160 + 100; households, cadres' tallies, coming back to a topic, absent figures):
  // 211/260 (81.2 %, 7 wrong figures) on the session's starting commit and on main one commit in.
  "test/eval/twentyfourth/singles.jsonl",
  "test/eval/twentyfourth/conversations.jsonl",
  // A twenty-fifth writer's set (160 + 100; all three plans, noisy voice-to-text, topic switches): 202/260 (77.7 %,
  // 9 wrong figures) on the session's starting commit, 213/260 (81.9 %, 5) on main when it arrived, untuned.
  "test/eval/twentyfifth/singles.jsonl",
  "test/eval/twentyfifth/conversations.jsonl",
  // A twenty-sixth writer's set (160 + 100; households, quantities easy to misread, questions not to file,
  // follow-ups, answering without interrogating): 212/260 (81.5 %, 1 wrong figure) on the session's starting
  // commit and on main when it arrived, untuned.
  "test/eval/twentysixth/singles.jsonl",
  "test/eval/twentysixth/conversations.jsonl",
  // A twenty-seventh writer's set (150 + 100; amounts put to confirm, units and periods, households, cadres'
  // counts): 205/250 (82.0 %, 0 wrong figures) on the session's starting commit, 215/250 (86.0 %, 0) on main when
  // it arrived, about twenty commits in, untuned.
  "test/eval/twentyseventh/singles.jsonl",
  "test/eval/twentyseventh/conversations.jsonl",
  "test/eval/twentyeighth/singles.jsonl",
  "test/eval/twentyeighth/conversations.jsonl",
  "test/eval/twentyninth/singles.jsonl",
  "test/eval/twentyninth/conversations.jsonl",
  // A thirtieth writer's set (ids th/thc), from the seed alone, run as delivered on its session's starting commit:
  // 216/250 (86.4 %), no wrong figure.
  "test/eval/thirtieth/singles.jsonl",
  "test/eval/thirtieth/conversations.jsonl",
  // A thirty-first writer's set (ids xa/xac), from the seed alone, run as delivered on its session's starting
  // commit: 226/250 (90.4 %), 4 wrong figures (all the neighbour's amount beside an honest "not given").
  "test/eval/thirtyfirst/singles.jsonl",
  "test/eval/thirtyfirst/conversations.jsonl",
  // A thirty-second writer's set (ids ya/yc), from the seed alone, written while the thirty-first was tuned on and
  // run as delivered: 166/200 (83.0 %), 1 wrong figure on the session's starting commit; 171/200 on the commit
  // it arrived at (3150436), before any change made for it.
  "test/eval/thirtysecond/singles.jsonl",
  "test/eval/thirtysecond/conversations.jsonl",
  // A thirty-third writer's set (ids za/zc), from the seed alone, at the start of the next session: 186/200 (93.0 %),
  // 1 wrong figure, on that session's starting commit (19ee76f) and as it arrived.
  "test/eval/thirtythird/singles.jsonl",
  "test/eval/thirtythird/conversations.jsonl",
  // A thirty-fourth writer's set (ids ab/ac), briefed on the known weak spots (interrogation, households, misread
  // quantities, questions taken for reports, absent figures), written later in that session: 165/200 (82.5 %),
  // 4 wrong figures, both on the starting commit and as it arrived; misread quantities 10/28.
  "test/eval/thirtyfourth/singles.jsonl",
  "test/eval/thirtyfourth/conversations.jsonl",
  // A thirty-fifth writer's set (ids ad/ae), balanced over the kinds of question, written and run blind near that
  // session's end: 184/200 (92.0 %), 0 wrong figures (the starting commit: 180/200, 90.0 %; misread 5→9 of 14).
  "test/eval/thirtyfifth/singles.jsonl",
  "test/eval/thirtyfifth/conversations.jsonl",
  // A thirty-sixth writer's set (ids af/ag), balanced, with conversations that correct what was said and that give
  // every fact at once; run blind at the start of the session after: 177/200 (88.5 %), 0 wrong figures, on that
  // session's starting commit and on arrival alike (correction 5/10, misread 9/14 the weakest).
  "test/eval/thirtysixth/singles.jsonl",
  "test/eval/thirtysixth/conversations.jsonl",
  // A thirty-seventh writer's set (ids ah/ai), briefed on the weak spots (interrogation, households, misread figures
  // said as questions, hearsay or flat statements, absent neighbours, corrections, village tallies); run blind in
  // the same session after the 36th was worked on: 170/200 (85.0 %), 1 wrong figure (the starting commit: 168/200).
  "test/eval/thirtyseventh/singles.jsonl",
  "test/eval/thirtyseventh/conversations.jsonl",
  // A thirty-eighth writer's set (ids aj/ak), balanced like a week of traffic, run blind late in that session after
  // the 36th and 37th were worked on: 181/200 (90.5 %), 0 wrong figures (the session's starting commit: 170/200,
  // 85.0 %; misread 6→9 of 14, interrogation 7→11 of 12, household_turns 5→7, correction 5→7 of 10).
  "test/eval/thirtyeighth/singles.jsonl",
  "test/eval/thirtyeighth/conversations.jsonl",
  // A thirty-ninth writer's set (ids al/am), balanced, with more households, corrections and village tallies across
  // turns; run blind at the start of the next session: 183/200 (91.5 %), 2 wrong figures, on its starting commit
  // (9474bde) and on arrival alike (village_turns 5/8, household_turns 9/12 the weakest).
  "test/eval/thirtyninth/singles.jsonl",
  "test/eval/thirtyninth/conversations.jsonl",
  // A fortieth writer's set (ids an/ao), balanced, with dialect, typing slips, cadres and elliptic follow-ups; run
  // blind mid-session after the 39th was worked on: 185/200 (92.5 %), 2 wrong figures (the session's starting
  // commit 9474bde: 184/200; misread 16/21 the weakest).
  "test/eval/fortieth/singles.jsonl",
  "test/eval/fortieth/conversations.jsonl",
  // A forty-first writer's set (ids ap/aq, 160 items), balanced, written while the 39th and 40th were worked on and
  // run blind late in that session: 141/160 (88.1 %), 1 wrong figure (the session's starting commit 9474bde:
  // 138/160; household_turns 4/8 the weakest).
  "test/eval/fortyfirst/singles.jsonl",
  "test/eval/fortyfirst/conversations.jsonl",
  // A forty-second writer's set (ids ar/as, 180 items), balanced, more village tallies across turns: run blind at
  // the start of the next session, 162/180 (90.0 %) on its starting commit e671e0a, 0 wrong figures;
  // village_turns 5/14 the weakest (villages named without 村/庄/屯, and each against a standard).
  "test/eval/fortysecond/singles.jsonl",
  "test/eval/fortysecond/conversations.jsonl",
  // A forty-third writer's set (ids at/au, 180 items), balanced, phrased without the programmes' names in most
  // items: run blind mid-session after the 42nd's fixes, 159/180 (88.3 %), 0 wrong figures (the session's starting
  // commit e671e0a: 158/180); household_turns 7/12 and correction 8/12 the weakest.
  "test/eval/fortythird/singles.jsonl",
  "test/eval/fortythird/conversations.jsonl",
  // A forty-fourth writer's set (ids av/aw, 180 items), balanced: run blind at the start of the session after,
  // 165/180 (91.7 %) on its starting commit 5a4ad6e, 0 wrong figures; correction 8/12, household 9/12 and
  // village_turns 9/12 the weakest.
  "test/eval/fortyfourth/singles.jsonl",
  "test/eval/fortyfourth/conversations.jsonl",
  // A forty-fifth writer's set (ids ax/ay, 180 items), leaning to the hardest phrasings (people described before
  // they are named, several asks in one message, corrections removing one person): run blind mid-session after the
  // 44th's fixes, 159/180 (88.3 %), 0 wrong figures (its starting commit 5a4ad6e: 157/180); village_turns 5/11 and
  // household_turns 7/11 the weakest.
  "test/eval/fortyfifth/singles.jsonl",
  "test/eval/fortyfifth/conversations.jsonl",
  // A forty-sixth writer's set (ids az/ba, 180 items, smalltalk among its categories): run blind late in the
  // session, 162/180 (90.0 %), 0 wrong figures (its starting commit 5a4ad6e: 157/180); village_turns 7/12 the
  // weakest.
  "test/eval/fortysixth/singles.jsonl",
  "test/eval/fortysixth/conversations.jsonl",
  // A forty-seventh writer's set (ids bb/bc, 180 items; categories added after from the writer's report of its id
  // blocks): run blind at the start of a session on 7e98dae, 153/180 (85.0 %), 1 wrong figure by the scorer (a
  // conditional 50 元 beside 编一个也行); village_turns 7/12, interrogation 7/10 and correction 8/12 the weakest.
  "test/eval/fortyseventh/singles.jsonl",
  "test/eval/fortyseventh/conversations.jsonl",
  // A forty-eighth writer's set (ids bd/be, 180 items): 145/180 (80.6 %) on 7e98dae, run blind on arrival mid-session
  // after the 47th's fixes: 151/180 (83.9 %), 1 wrong figure; village_turns 3/12 and interrogation 6/10 the weakest.
  "test/eval/fortyeighth/singles.jsonl",
  "test/eval/fortyeighth/conversations.jsonl",
  // A forty-ninth writer's set (ids bf/bg, 180 items): run blind on 5351201 at the start of a session, 159/180
  // (88.3 %), 3 wrong figures by the scorer (two monthly amounts to one place, 166.7 for 166.67; 一百零八 read as 8);
  // village_turns 8/12, misread 7/14 (ranges such as 十五六户 read as 56) and correction 9/12 the weakest.
  "test/eval/fortyninth/singles.jsonl",
  "test/eval/fortyninth/conversations.jsonl",
  // A fiftieth writer's set (ids bh/bi, 180 items): 153/180 (85.0 %) on 5351201; run blind on arrival mid-session
  // after the 49th's fixes: 159/180 (88.3 %), 1 wrong figure (高龄老人津贴 answered with the disabled elderly's 50 元);
  // village_turns 4/12 the weakest by far.
  "test/eval/fiftieth/singles.jsonl",
  "test/eval/fiftieth/conversations.jsonl",
  // A fifty-first writer's set (ids bj/bk, 180 items): 154/180 (85.6 %) on 7c603ef, 2 wrong figures (两三个 read as
  // three people; 小麦直补一亩地 answered by the land calculator); run blind on arrival after e13b2b8: 155/180;
  // absent 8/14, village_turns 8/12 and correction 8/12 the weakest.
  "test/eval/fiftyfirst/singles.jsonl",
  "test/eval/fiftyfirst/conversations.jsonl",
  // A fifty-second writer's set (ids bl/bm, 180 items): 162/180 (90.0 %) on 7c603ef; run blind on arrival mid-session
  // (d20d125, after the 51st's fixes): 165/180 (91.7 %), 1 wrong figure (俺家两三个残疾的 left unasked);
  // household_turns, village_turns 9/12 and smalltalk 9/12 the weakest.
  "test/eval/fiftysecond/singles.jsonl",
  "test/eval/fiftysecond/conversations.jsonl",
  // A fifty-third writer's set (ids bn/bo, 184 items): 162/184 (88.0 %, 10 wrong figures) on 5f1f1aa, the same
  // run blind on arrival (9286490); switch 5/8, village_turns 8/12 and correction, followup 9/12 the weakest.
  "test/eval/fiftythird/singles.jsonl",
  "test/eval/fiftythird/conversations.jsonl",
  // A fifty-fourth writer's set (ids bp/bq, 184 items): 162/184 (14 wrong figures) on 5f1f1aa; run blind on arrival
  // (c974bfc, after the 53rd's fixes): 167/184, 11 wrong figures; village_turns 8/12 the weakest. (Its brief named
  // "三级的比一二级少3个" as an example of a hard item, a kind the 53rd had just shown: bq18 is not blind.)
  "test/eval/fiftyfourth/singles.jsonl",
  "test/eval/fiftyfourth/conversations.jsonl",
  // A fifty-fifth writer's set (ids br/bs, 180 items): run blind on arrival (ef54980): 171/180, 6 wrong figures;
  // household_turns and correction 10/12 the weakest. (br087 expects "12个" of a reply in Traditional, "12 個": the
  // shared score.mjs folds the script before its regexes, this scorer does not.)
  "test/eval/fiftyfifth/singles.jsonl",
  "test/eval/fiftyfifth/conversations.jsonl",
  // A fifty-sixth writer's set (ids bt/bu, 180 items): run blind on arrival (after the 55th's fixes, 6d92780 and a
  // few changes since): 167/180, 9 wrong figures; village_turns and correction 9/12, misread 11/14 the weakest.
  // (bu60 forbids any 万 figure, so the entry's county total 314.04 万元 fails it, though no total is reckoned.)
  "test/eval/fiftysixth/singles.jsonl",
  "test/eval/fiftysixth/conversations.jsonl",
  // A fifty-seventh writer's set (ids bv/bw, 180 items): run blind on arrival (after the review's fixes, before
  // d579780): 159/180, 17 wrong figures; village_turns 1/12 (a village told part by part, with deaths, moves,
  // groups not poor and a part corrected) and household_turns 7/12 the weakest.
  "test/eval/fiftyseventh/singles.jsonl",
  "test/eval/fiftyseventh/conversations.jsonl",
  // A fifty-eighth writer's set (ids bx/by, 180 items): run blind on arrival (b98b73c, with the household-of-the-
  // old fix for bw08 not yet committed): 150/180, 1 wrong figure (a New Year's greeting answered with the Spring
  // Festival visits' 8 万元); village_turns 6/12, household 6/10 and correction 8/12 the weakest. The writer's brief
  // listed no "help" intent, so its small talk was relabelled as dev.jsonl labels greetings; by68's wording
  // check gained 没写 (both noted in the items).
  "test/eval/fiftyeighth/singles.jsonl",
  "test/eval/fiftyeighth/conversations.jsonl",
  // A fifty-ninth writer's set (ids bz/ca, 180 items): run blind on arrival (ae2bb51, after the 58th's fixes):
  // 155/180, no wrong figure; correction 8/12, interrogation 7/10 and misread 10/14 the weakest.
  "test/eval/fiftyninth/singles.jsonl",
  "test/eval/fiftyninth/conversations.jsonl",
];

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const only = args.find((a) => a.startsWith("--only="))?.slice(7);
const files = args.filter((a) => !a.startsWith("--"));

/** A writer's set: a folder of its own under test/eval/ ("independent", "holdout", "sixteenth" …). */
const SET_FOLDER = /\/eval\/([a-z]+)\/[^/]+\.jsonl$/;

/** The set's folder or the file's own name: each set is also reported on its own line. */
function setName(file: string): string {
  const folder = SET_FOLDER.exec(file)?.[1];
  return folder ?? file.replace(/^.*\//, "").replace(/\.jsonl$/, "");
}

function load(file: string): Array<EvalConversation & { set: string }> {
  const text = readFileSync(file, "utf8");
  const conversational = /"turns"\s*:/.test(text.slice(0, 2000));
  const items = conversational ? parseConversations(text) : parseEvalSet(text).map(({ text: t, ...rest }) => ({ ...rest, turns: [t] }));
  const prefix = SET_FOLDER.test(file) ? "" : `${file.replace(/^.*\//, "").replace(/\.jsonl$/, "")}:`;
  return items.map((item) => ({
    ...item,
    id: `${prefix}${item.id}`,
    set: setName(file),
    category: item.category === "dev" ? file.replace(/^.*\//, "").replace(/\.jsonl$/, "") : item.category,
  }));
}

const items = (files.length ? files : DEFAULT_SETS.filter((f) => existsSync(f))).flatMap(load).filter((item) => !only || item.category === only);
const app = createLocalApp({ temporary: true, logLevel: "silent" });
const results: Array<{ category: string; set: string; verdict: Verdict }> = [];
try {
  for (const item of items) {
    // Sets reuse ids ("h088"): the set keeps one item's conversation from running on into another's.
    const userId = `eval-${item.set}-${item.id}`;
    let last = { intent: "unknown", replies: [] as Array<{ text: string }> };
    for (const text of item.turns) {
      last = await app.assistant.handle({ channel: "web", userId, chatId: userId, chatType: "private", mentioned: true, kind: "text", text });
    }
    const verdict = judge(item, last);
    results.push({ category: item.category, set: item.set, verdict });
    if (verdict.problems.length > 0)
      process.stdout.write(
        `FAIL ${item.id} [${item.category}] ${item.turns.join(" ⏎ ")} → ${verdict.problems.join("; ")}${verdict.wrongFigure ? " (WRONG FIGURE)" : ""}\n`,
      );
    if (verbose && verdict.problems.length === 0) process.stdout.write(`ok ${item.id} [${item.category}] ${item.turns.join(" ⏎ ")}\n`);
    if (verbose || verdict.problems.length > 0)
      process.stdout.write(
        `    [${last.intent}] ${last.replies
          .map((r) => r.text)
          .join(" / ")
          .replace(/\n/g, " ⏎ ")
          .slice(0, 400)}\n`,
      );
  }
} finally {
  await app.close();
}
const rows = tally(results);
process.stdout.write(`\n${"category".padEnd(22)} passed  total    %  wrong figures\n`);
for (const r of rows)
  process.stdout.write(
    `${r.category.padEnd(22)} ${String(r.passed).padStart(6)} ${String(r.total).padStart(6)} ${((100 * r.passed) / Math.max(1, r.total)).toFixed(1).padStart(5)}  ${r.wrongFigures}\n`,
  );
process.stdout.write(`\n${"set".padEnd(22)} passed  total    %  wrong figures\n`);
for (const r of tally(results.map((x) => ({ category: x.set, verdict: x.verdict }))).slice(0, -1)) {
  process.stdout.write(
    `${r.category.padEnd(22)} ${String(r.passed).padStart(6)} ${String(r.total).padStart(6)} ${((100 * r.passed) / Math.max(1, r.total)).toFixed(1).padStart(5)}  ${r.wrongFigures}\n`,
  );
}
const overall = rows.at(-1)!;
process.stdout.write(`score: ${overall.passed}/${overall.total}\n`);
process.exitCode = overall.passed === overall.total ? 0 : 1;
