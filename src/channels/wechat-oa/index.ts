// WeChat Official Account (公众号/服务号) adapter: WeChat's callbacks on /wechat/oa, answers as passive
// replies or through the customer-service API (/cgi-bin/message/custom/send).
import { randomBytes } from "node:crypto";
import type { AppContext } from "../../app-context.ts";
import type { QuickReply } from "../../core/message.ts";
import { DeliveryDeferred } from "../../core/notifier.ts";
import { withNumberedChoices } from "../common/choices.ts";
import { ChannelStartError } from "../common/errors.ts";
import { splitMessageBytes } from "../common/split.ts";
import { findTranscriber } from "../common/voice.ts";
import { WechatApi, WechatApiError } from "../wechat-api/api-client.ts";
import { callbackBodyLimit, checkFresh, CallbackRefused, readQuery, refusalGuard } from "../wechat-api/callback.ts";
import { messageSignature, openCiphertext, plainSignature, sameSignature, sealedReplyXml, SignatureError } from "../wechat-api/crypto.ts";
import { convertPush, describePushProblem, PushSchema } from "../wechat-api/inbound.ts";
import { ReplyFlow, WECHAT_TEXT_BYTES } from "../wechat-api/reply-flow.ts";
import { buildXml, parseXmlFields } from "../wechat-api/xml.ts";
import type { RunningChannel } from "../types.ts";

export const OA_PATH = "/wechat/oa";

/**
 * The customer-service API may write to a user only within 48 hours of the user's last message
 * (developers.weixin.qq.com/doc/subscription/api/customer/message/api_sendcustommessage.html); a little
 * is kept back for clock drift and the send's own time.
 */
export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 60 * 60_000 - 5 * 60_000;
/**
 * 45015: "response out of time limit or subscription is canceled" (outside the 48 hours, or unfollowed);
 * 45047: "out of response count limit" (too many messages since the user's last one). Both clear when the user writes again.
 */
const WAIT_FOR_USER_CODES: ReadonlySet<number> = new Set([45015, 45047]);

export interface WechatOaOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

export async function startWechatOa(ctx: AppContext, options: WechatOaOptions = {}): Promise<RunningChannel> {
  const { config, services, assistant } = ctx;
  const { logger, notifier, store } = services;
  const token = config.WECHAT_OA_TOKEN;
  const appId = config.WECHAT_OA_APPID;
  if (!token || !appId) throw new ChannelStartError("wechat-oa", "没有设置 WECHAT_OA_TOKEN 和 WECHAT_OA_APPID");
  const aesKey = config.WECHAT_OA_AES_KEY;
  const now = options.now ?? Date.now;
  const secret = config.WECHAT_OA_APPSECRET;
  const api =
    secret !== undefined
      ? new WechatApi({
          root: config.WECHAT_API_ROOT,
          tokenPath: `/cgi-bin/token?${new URLSearchParams({ grant_type: "client_credential", appid: appId, secret })}`,
          now,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : undefined;
  const canSend = config.WECHAT_OA_CUSTOM_SEND && api !== undefined;
  const customSend = async (openId: string, text: string) => {
    await api!.post("/cgi-bin/message/custom/send", { touser: openId, msgtype: "text", text: { content: text } });
  };
  const flow = new ReplyFlow({
    channel: "wechat-oa",
    assistant,
    logger,
    notifier,
    budgetMs: config.WECHAT_OA_REPLY_BUDGET_MS,
    send: canSend ? customSend : undefined,
    passive: true,
    api,
    transcribe: findTranscriber(services.llm),
  });
  let stopped = false;

  /** GET: WeChat checks the server URL when the 服务器配置 is saved, by asking us to echo echostr. */
  ctx.http.get(OA_PATH, (c) =>
    guard(c, async () => {
      const query = readQuery(c);
      if (!query.echostr) throw new CallbackRefused(400, "BAD_QUERY", "缺少 echostr：这个地址只接收微信服务器的请求");
      checkFresh(query.timestamp, now());
      if (!sameSignature(plainSignature(token, query.timestamp, query.nonce), query.signature)) throw new SignatureError("signature 与 WECHAT_OA_TOKEN 不符");
      return c.text(query.echostr);
    }),
  );

  /** POST: a message or event; answered with a passive reply, or "success" when the answer goes another way. */
  ctx.http.post(OA_PATH, callbackBodyLimit(), (c) =>
    guard(c, async () => {
      if (stopped) throw new CallbackRefused(503, "STOPPING", "服务正在重启，请稍后重试");
      const query = readQuery(c);
      checkFresh(query.timestamp, now());
      // WeChat signs the URL in every mode; safe mode signs the ciphertext as well (msg_signature).
      if (!sameSignature(plainSignature(token, query.timestamp, query.nonce), query.signature)) throw new SignatureError("signature 与 WECHAT_OA_TOKEN 不符");
      const outer = parseXmlFields(await c.req.text());
      const encrypted = outer.Encrypt !== undefined;
      let fields = outer;
      if (encrypted) {
        if (!aesKey) throw new CallbackRefused(400, "NO_AES_KEY", "收到加密消息，但没有设置 WECHAT_OA_AES_KEY（公众号后台的 EncodingAESKey）");
        if (!sameSignature(messageSignature(token, query.timestamp, query.nonce, outer.Encrypt!), query.msg_signature))
          throw new SignatureError("msg_signature 与密文不符");
        fields = parseXmlFields(openCiphertext(aesKey, outer.Encrypt!, appId));
      }
      const push = PushSchema.safeParse(fields);
      if (!push.success) throw new CallbackRefused(400, "BAD_MESSAGE", `消息不完整：${describePushProblem(push.error)}`);
      const outcome = await flow.receive(convertPush("wechat-oa", push.data));
      if (outcome.passive === undefined) return c.text("success");
      const reply = buildXml({
        ToUserName: push.data.FromUserName,
        FromUserName: push.data.ToUserName,
        CreateTime: Math.floor(now() / 1000),
        MsgType: "text",
        Content: outcome.passive,
      });
      if (!encrypted) return c.body(reply, 200, { "content-type": "application/xml; charset=utf-8" });
      const sealed = sealedReplyXml({
        aesKey: aesKey!,
        token,
        receiveId: appId,
        replyXml: reply,
        timestamp: String(Math.floor(now() / 1000)),
        nonce: randomBytes(8).toString("hex"),
      });
      return c.body(sealed, 200, { "content-type": "application/xml; charset=utf-8" });
    }),
  );

  const guard = refusalGuard(logger, "wechat-oa");

  if (canSend) {
    notifier.register("wechat-oa", async (message) => {
      const last = await store.messages.lastMessageAt("wechat-oa", message.userId);
      if (!last || now() - Date.parse(last) > CUSTOMER_SERVICE_WINDOW_MS) {
        throw new DeliveryDeferred(
          `outside WeChat's 48-hour customer-service window (last message from the user: ${last ?? "none"}); sent when the user writes again`,
        );
      }
      try {
        for (const piece of splitMessageBytes(withNumberedChoices(message), WECHAT_TEXT_BYTES)) await customSend(message.userId, piece);
      } catch (error) {
        if (error instanceof WechatApiError && WAIT_FOR_USER_CODES.has(error.errcode)) {
          throw new DeliveryDeferred(`WeChat refused the customer-service message (${error.errcode} ${error.errmsg}); sent when the user writes again`);
        }
        throw error;
      }
      flow.offered(message.userId, [{ quickReplies: message.quickReplies as QuickReply[] }]);
    });
  } else {
    logger.warn("wechat-oa without the customer-service API: answers only as passive replies, notifications stay in the outbox", {
      reason: api ? "WECHAT_OA_CUSTOM_SEND=off" : "no WECHAT_OA_APPSECRET",
    });
  }

  // A wrong AppID/AppSecret or a server IP missing from the allow-list (40164) shows at start, not at the first slow answer.
  if (api) {
    await api.token().catch((error: unknown) => {
      logger.warn("wechat-oa could not fetch an access token; passive replies still work", { error, hint: tokenHint(error) });
    });
  }
  logger.info("wechat-oa on", { path: OA_PATH, mode: aesKey ? "safe (AES)" : "plain", customerService: canSend });

  return {
    name: "wechat-oa",
    async stop() {
      stopped = true;
      notifier.unregister("wechat-oa");
      await flow.stop();
    },
  };
}

function tokenHint(error: unknown): string | undefined {
  if (!(error instanceof WechatApiError)) return "连不上微信接口（检查网络或 WECHAT_API_ROOT）";
  if (error.errcode === 40164 || error.errcode === 61004) return "服务器的出口 IP 不在公众号后台的“IP白名单”里";
  if (error.errcode === 40013 || error.errcode === 40125 || error.errcode === 40001) return "WECHAT_OA_APPID 或 WECHAT_OA_APPSECRET 不对";
  return undefined;
}
