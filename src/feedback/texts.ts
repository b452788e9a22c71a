// Reading a villager's feedback message: what kind of request it is. Pure.

// "查一下我反映的事" asks after a report; "帮忙查一下反映上去" is a report asking to be passed on.
const STATUS_QUERY =
  /(怎么样|怎么样了|怎样了|咋样了|怎麼樣了|进展|進展|到哪一步|有回音|有人管没有|有人看了没|咋还没人回|处理了没|处理得怎么样|结果如何|查一下.*反映的|查.{0,4}(?:我|俺)(?:之前|上次)?反映|(?:之前|上次|以前)反映|反映过的|有结果没|有结果吗|查询)/;
const REOPEN = /(还没修好|沒修好|没修好|没有修好|还没解决|没解决|沒解決|还是坏的|还是不行|根本没修|重新处理|重新打开)/;
const ANONYMOUS = /(匿名|不想留名|不留名|不要留名)/;
// Words that say "I want to report" without saying what.
const GENERIC =
  /(我要|我想|想要|反映|反应|投诉|投訴|举报|舉報|报个|报件|提个|提一个|一下|问题|問題|建议|建議|意见|情况|匿名|有个|有件|[跟给向]上[面边头]|说说|说一说|想说|个事|件事|事儿|事情|麻烦|帮忙|俺|咱|您|你|我|要|想|的|了|吧|啊)/g;

export function isStatusQuery(text: string): boolean {
  return STATUS_QUERY.test(text);
}

export function isReopenRequest(text: string): boolean {
  return REOPEN.test(text);
}

export function isAnonymous(text: string): boolean {
  return ANONYMOUS.test(text);
}

/** "我要反映问题" says nothing yet: ask what and where instead of filing an empty report. */
export function lacksDetail(text: string): boolean {
  const rest = text.replace(GENERIC, "").replace(/[\s\p{P}\p{S}]/gu, "");
  return rest.length < 3;
}

export const YES = /^(是|是的|对|对的|一样|同一个|是同一个|就是|嗯|1)(?:[，,。.!！\s]|$)/;
export const NO = /^(不是|不对|不一样|不同|单独登记|2)(?:[，,。.!！\s]|$)/;
export const AGREE = /^(同意|可以|行|好|好的|愿意|是)(?:[，,。.!！\s]|$)/;
export const DISAGREE = /^(不同意|不用|不要|不行|不愿意|否|算了)(?:[，,。.!！\s]|$)/;
export const SKIP = /^(跳过|不说|不知道|不告诉|算了)/;
