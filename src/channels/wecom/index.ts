// WeCom (企业微信) self-built application adapter: encrypted callbacks on /wechat/wecom, answers through
// /cgi-bin/message/send with the application's agentid.
import type { Context } from "hono";
import type { AppContext } from "../../app-context.ts";
import type { QuickReply } from "../../core/message.ts";
import { withNumberedChoices } from "../common/choices.ts";
import { ChannelStartError } from "../common/errors.ts";
import { splitMessageBytes } from "../common/split.ts";
import { findTranscriber } from "../common/voice.ts";
import { WechatApi, WechatApiError } from "../wechat-api/api-client.ts";
import { callbackBodyLimit, checkFresh, CallbackRefused, readQuery, refusalGuard } from "../wechat-api/callback.ts";
import { messageSignature, openCiphertext, sameSignature, SignatureError } from "../wechat-api/crypto.ts";
import { convertPush, describePushProblem, PushSchema } from "../wechat-api/inbound.ts";
import { ReplyFlow, WECHAT_TEXT_BYTES } from "../wechat-api/reply-flow.ts";
import { parseXmlFields } from "../wechat-api/xml.ts";
import type { RunningChannel } from "../types.ts";

export const WECOM_PATH = "/wechat/wecom";

export interface WecomOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

export async function startWecom(ctx: AppContext, options: WecomOptions = {}): Promise<RunningChannel> {
  const { config, services, assistant } = ctx;
  const { logger, notifier } = services;
  const { WECOM_TOKEN: token, WECOM_CORP_ID: corpId, WECOM_AGENT_ID: agentId, WECOM_SECRET: secret, WECOM_AES_KEY: aesKey } = config;
  if (!token || !corpId || !agentId || !secret || !aesKey)
    throw new ChannelStartError("wecom", "企业微信需要 WECOM_TOKEN、WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET 和 WECOM_AES_KEY");
  const now = options.now ?? Date.now;
  const api = new WechatApi({
    root: config.WECOM_API_ROOT,
    tokenPath: `/cgi-bin/gettoken?${new URLSearchParams({ corpid: corpId, corpsecret: secret })}`,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const send = async (userId: string, text: string) => {
    const answer = await api.post("/cgi-bin/message/send", { touser: userId, msgtype: "text", agentid: agentId, text: { content: text } });
    // errcode 0 with invaliduser: the member is outside the application's visible range and got nothing.
    if (typeof answer.invaliduser === "string" && answer.invaliduser)
      throw new WechatApiError("/cgi-bin/message/send", 81013, `user not reachable by this application: ${answer.invaliduser}`);
  };
  // WeCom's passive replies would need their own encryption round; the send API serves every answer alike.
  const flow = new ReplyFlow({
    channel: "wecom",
    assistant,
    logger,
    notifier,
    budgetMs: config.WECHAT_OA_REPLY_BUDGET_MS,
    send,
    passive: false,
    api,
    transcribe: findTranscriber(services.llm),
  });
  let stopped = false;

  const verified = (c: Context, ciphertext: string) => {
    const query = readQuery(c);
    checkFresh(query.timestamp, now());
    if (!sameSignature(messageSignature(token, query.timestamp, query.nonce, ciphertext), query.msg_signature))
      throw new SignatureError("msg_signature 与 WECOM_TOKEN 不符");
    return openCiphertext(aesKey, ciphertext, corpId);
  };

  /** GET: WeCom checks the URL when “接收消息” is saved; we answer the decrypted echostr within a second. */
  ctx.http.get(WECOM_PATH, (c) =>
    guard(c, async () => {
      const echostr = c.req.query("echostr");
      if (!echostr) throw new CallbackRefused(400, "BAD_QUERY", "缺少 echostr：这个地址只接收企业微信服务器的请求");
      return c.text(verified(c, echostr));
    }),
  );

  ctx.http.post(WECOM_PATH, callbackBodyLimit(), (c) =>
    guard(c, async () => {
      if (stopped) throw new CallbackRefused(503, "STOPPING", "服务正在重启，请稍后重试");
      readQuery(c);
      const outer = parseXmlFields(await c.req.text());
      if (!outer.Encrypt) throw new CallbackRefused(400, "BAD_MESSAGE", "消息不完整：缺少 Encrypt（企业微信的回调总是加密的）");
      const push = PushSchema.safeParse(parseXmlFields(verified(c, outer.Encrypt)));
      if (!push.success) throw new CallbackRefused(400, "BAD_MESSAGE", `消息不完整：${describePushProblem(push.error)}`);
      if (push.data.AgentID && push.data.AgentID !== String(agentId)) {
        logger.warn("wecom push for another application ignored", { agentId: push.data.AgentID });
        return c.body(null, 200);
      }
      await flow.receive(convertPush("wecom", push.data));
      // An empty 200: WeCom takes it as received and does not retry; the answer goes through message/send.
      return c.body(null, 200);
    }),
  );

  const guard = refusalGuard(logger, "wecom");

  // WeCom has no 48-hour window: a member in the application's range can be written to at any time.
  notifier.register("wecom", async (message) => {
    for (const piece of splitMessageBytes(withNumberedChoices(message), WECHAT_TEXT_BYTES)) await send(message.userId, piece);
    flow.offered(message.userId, [{ quickReplies: message.quickReplies as QuickReply[] }]);
  });

  await api.token().catch((error: unknown) => {
    logger.warn("wecom could not fetch an access token; answers will fail until it can", {
      error,
      hint:
        error instanceof WechatApiError && error.errcode === 60020
          ? "服务器 IP 不在应用的“企业可信IP”里"
          : error instanceof WechatApiError
            ? "检查 WECOM_CORP_ID 和 WECOM_SECRET"
            : "连不上企业微信接口（检查网络或 WECOM_API_ROOT）",
    });
  });
  logger.info("wecom on", { path: WECOM_PATH, agentId });

  return {
    name: "wecom",
    async stop() {
      stopped = true;
      notifier.unregister("wecom");
      await flow.stop();
    },
  };
}
