// Error classes with a code and a cause; expected ones carry the Chinese text a villager sees.

export class AssistantError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userText?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AssistantError";
  }
}

/** A handler threw while handling a message; the message is kept for the log. */
export class HandlerError extends Error {
  readonly code = "HANDLER_FAILED";
  constructor(
    readonly intent: string,
    readonly messageText: string,
    cause: unknown,
  ) {
    super(`intent handler "${intent}" failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "HandlerError";
  }
}

export const APOLOGY = "抱歉，系统刚才出了点问题，您的消息已经记下。请稍后再试，或直接联系村委会。";
