// Who the assistant answers: everyone in a private chat, only those who address it in a group.

export interface AddressSignals {
  chatType: "private" | "group";
  /** The bot itself is in the message's mention list (not a text match on a nickname). */
  mentioned: boolean;
  /** The message replies to one of the bot's own messages. */
  repliedToBot: boolean;
  /** A command (/help) meant for this bot. */
  commanded: boolean;
  /** A tap on one of the bot's own buttons. */
  tappedButton?: boolean;
}

/** Groups are busy places: speaking unasked would annoy the village and get the bot removed. */
export function isAddressed(signals: AddressSignals): boolean {
  if (signals.chatType === "private") return true;
  return signals.mentioned || signals.repliedToBot || signals.commanded || signals.tappedButton === true;
}
