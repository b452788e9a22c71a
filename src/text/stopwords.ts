// Function words and question words: they say how a question is asked, not what it is about.
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "的 了 吗 呢 吧 啊 呀 嘛 哦 哈 么 啦 喔 嗯 是 有 在 和 与 及 或 也 都 就 还 又 再 很 太 更 最 " +
    "我 你 您 他 她 它 我们 你们 他们 咱们 自己 这 那 这个 那个 这些 那些 哪 哪个 哪些 哪里 哪儿 " +
    "什么 怎么 怎么样 怎样 如何 为什么 为啥 多少 几 多 能 能不能 可以 可不可以 会 要 想 请问 请 " +
    "问 问问 一下 下 给 被 把 让 对 向 从 到 于 为 以 等 个 位 种 些 点 一 上 去 来 说 知道 告诉 " +
    "国家 钱 多少钱 几块 块钱 几块钱 几个钱 几毛 啥 咋 帮 帮忙 一下子 现在 目前 那么 这么 谁 谁家 是不是 有没有 没有 不 没 吗? ? ？ 呗 咧 哩 俺 咱 " +
    // Villagers' "X不X" questions and fillers say how they ask, not what about.
    "不管 在家 市里 县里 管不管 管不 多不多 给不给 发不发 行不行 中不中 好不好 算不算 要不要 补不补 有人管 有人管吗 听说 咱这 俺这 这头 那头 啥的 咋整 咋办 咋弄 " +
    // Directional complements ("一年下来", "说起来") only say how something went.
    "下来 起来 出来 过来 下去 " +
    // Whose household, and "add them up": context and arithmetic, not what the question is about.
    "我家 你家 他家 她家 咱家 俺家 自家 村里 一起 加一起 加起来 合起来 一块儿 加上 " +
    // Asking whether a figure is right ("真的假的", "是这个数不"): how a claim is put, not what it is about.
    "真的 假的 真的假 真假 这个数 那个数 对不对 对吧 是吧 没错吧 " +
    // Where a figure was heard ("听人讲", "据说"): how it reached the villager, not what it is about.
    "听讲 听人讲 听人说 人家说 别人说 据说 有人说"
  ).split(/\s+/),
);
