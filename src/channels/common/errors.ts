// Errors a channel adapter raises: it could not start, or the platform refused a send.

/** A channel could not start (bad token, unknown puppet); the others keep running. */
export class ChannelStartError extends Error {
  readonly code = "CHANNEL_START_FAILED";
  constructor(
    readonly channel: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ChannelStartError";
  }
}
