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

// Says nothing was done: a handler that failed may have failed before writing the report or the vote.
export const APOLOGY = "抱歉，系统刚才出了点问题，这条消息没有办成（没有登记）。请过一会儿再发一次，或直接联系村委会。";
/** Added to a reply whose message could not be written to the log (database locked too long, disk full). */
export const NOT_LOGGED_NOTE = "（系统繁忙，这条消息没能存档，不影响上面的回答。）";
/** The same, when the reply says the question was handed to staff: without the log row it was not. */
export const NOT_LOGGED_UNANSWERED_NOTE = "（抱歉，系统繁忙，这个问题这次没能记下来，工作人员看不到。请过一会儿再发一次。）";
