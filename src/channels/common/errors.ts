// Errors a channel adapter raises: it could not start, or the platform refused a send.
import { AppError } from "../../core/errors.ts";

/** A channel could not start (bad token, unknown puppet); the others keep running. */
export class ChannelStartError extends AppError {
  constructor(
    readonly channel: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("CHANNEL_START_FAILED", message, options);
  }
}
