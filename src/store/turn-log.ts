// What one turn of a conversation writes, in one commit: the dialogue state it changed, its log row and, for a
// question the knowledge base could not answer, the unanswered row that points at it.
import type { LoggedMessage, MessageLog } from "./messages.ts";
import type { SessionStore } from "./sessions.ts";
import type { Steps, Sql } from "./sql.ts";
import type { NewUnanswered, UnansweredLog } from "./unanswered.ts";

export interface LoggedTurn {
  /** The conversation's stored dialogue after the turn (null: none), when the turn changed it. */
  dialogue?: { key: string; value: unknown; at: string } | undefined;
  message: LoggedMessage;
  /** Set when the turn left the question unanswered: recorded with the log row's id. */
  unanswered?: Omit<NewUnanswered, "messageId"> | undefined;
}

export class TurnLog {
  constructor(
    private readonly sql: Sql,
    private readonly messages: MessageLog,
    private readonly sessions: SessionStore,
    private readonly unanswered: UnansweredLog,
  ) {}

  /**
   * Writes the turn in one transaction, tried again while another writer holds the lock for at most `withinMs`.
   * Not durable: no reply acknowledges a question as recorded, so a power cut may lose the last turns, never a
   * promise. Returns the log row's id, or undefined when the platform message was logged before (a duplicate:
   * then nothing of the turn is written, and the dialogue is left as it was).
   */
  async write(turn: LoggedTurn, options: { withinMs: number }): Promise<number | undefined> {
    const { messages, sessions, unanswered } = this;
    const dialogue = turn.dialogue && sessions.change(turn.dialogue.key, turn.dialogue.value, turn.dialogue.at);
    const steps = function* (): Steps<number | undefined> {
      const logged = yield messages.recordStatement(turn.message);
      const id = logged.rows[0]?.id as number | undefined;
      if (id === undefined) return undefined;
      if (dialogue) yield dialogue.statement;
      if (turn.unanswered) yield unanswered.recordStatement({ ...turn.unanswered, messageId: id });
      return id;
    };
    const id = await this.sql.perform(steps, options);
    if (id === undefined) return undefined;
    if (dialogue) sessions.stored(dialogue);
    messages.logged(turn.message, id);
    return id;
  }
}
