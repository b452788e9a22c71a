// One error model for the whole app: a code a program can test, the HTTP status it would be answered with, and
// the field at fault when there is one. The web layer's single onError turns an AppError into its JSON body, so
// routes throw instead of building error responses by hand; the other layers subclass it for their own failures.

export interface AppErrorOptions {
  /** The HTTP status a request failing with this error is answered with; 500 (the default) means a fault of ours. */
  status?: number;
  /** The request field at fault, for a client to highlight. */
  field?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly field?: string;
  constructor(
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status ?? 500;
    if (options.field !== undefined) this.field = options.field;
  }

  /** Whether the message is meant for the caller (a refusal) rather than a fault whose details stay in the log. */
  get expose(): boolean {
    return this.status !== 500;
  }
}

/** A handler threw while handling a message; the message is kept for the log. */
export class HandlerError extends AppError {
  constructor(
    readonly intent: string,
    readonly messageText: string,
    cause: unknown,
  ) {
    super("HANDLER_FAILED", `intent handler "${intent}" failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

// Says nothing was done: a handler that failed may have failed before writing the report or the vote.
export const APOLOGY = "抱歉，系统刚才出了点问题，这条消息没有办成（没有登记）。请过一会儿再发一次，或直接联系村委会。";
/** Added to a reply whose message could not be written to the log (database locked too long, disk full). */
export const NOT_LOGGED_NOTE = "（系统繁忙，这条消息没能存档，不影响上面的回答。）";
/** The same, when the reply says the question was handed to staff: without the log row it was not. */
export const NOT_LOGGED_UNANSWERED_NOTE = "（抱歉，系统繁忙，这个问题这次没能记下来，工作人员看不到。请过一会儿再发一次。）";
