import { createLocalApp } from "./src/cli/local-app.ts";
const app = createLocalApp({ temporary: true, logLevel: "silent" });
let i = 0;
for (const text of ["我能领什么补助？","我三级残疾，家里困难，能领多少？","我有5亩地，流转出去一年能挣多少？","我家一年烧3吨煤，改烧秸秆压块能省多少？","我妈75岁残疾能不能领补贴","俺是二级肢体残疾能拿多少钱","我家里有个残疾娃还有个残疾老人能按一户多残领多少","我十五亩地全入股了一年大概能分多少红","我家柴火灶一年烧两千斤煤改秸秆块能省几个钱","我家符合低保吗","我住院花了三万新农合能给我报多少","我骑的残疾人摩托车一年燃油补贴能给我多少","俺娘白内障70多了能免费做不","我孙子耳朵聋了想装人工耳蜗能补多少","一户多残的补贴标准是多少","老年残疾人补助多大岁数才有","流转出去的地一亩租金多少","我儿子智力残疾二级我家能拿多少", "三级残疾人一年补多少钱"]) {
  const r = await app.assistant.handle({ channel: "web", userId: `t${i++}`, chatId: "x", chatType: "private", mentioned: true, kind: "text", text });
  console.log(`>> ${text}\n   [${r.intent} ${r.confidence.toFixed(2)}] ${r.replies.map((x) => x.text).join("/").replace(/\n/g, "⏎").slice(0, 150)}`);
}
await app.close();
