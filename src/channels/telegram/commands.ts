// The bot's slash commands: what setMyCommands shows and what each one means to the core.

export interface BotCommandInfo {
  command: string;
  description: string;
  /** Text handed to the core instead of the command; undefined: the command text goes through as typed. */
  asText?: string;
}

/**
 * Commands are shortcuts for sentences the core already understands, so a command and the typed
 * sentence give the same answer and the staff intent still checks the caller's role on every call.
 */
export const BOT_COMMANDS: readonly BotCommandInfo[] = [
  { command: "start", description: "开始使用乡亲助手", asText: "帮助" },
  { command: "help", description: "能问什么、怎么问", asText: "帮助" },
  { command: "feedback", description: "反映问题（后面写上要反映的事）", asText: "我要反映" },
  { command: "code", description: "工作人员：登记邀请码（后面写上邀请码）", asText: "邀请码" },
  { command: "stats", description: "工作人员：本周反映统计", asText: "本周统计" },
  { command: "unanswered", description: "工作人员：知识库答不上的问题", asText: "有哪些问题知识库答不上来" },
  { command: "consultations", description: "工作人员：征求意见结果", asText: "征求意见结果统计" },
  { command: "invite", description: "管理员：生成邀请码", asText: "生成邀请码" },
];

export function commandText(command: string, args: string): string {
  const known = BOT_COMMANDS.find((c) => c.command === command.toLowerCase());
  if (known?.asText) return args ? `${known.asText} ${args}` : known.asText;
  return args ? `/${command} ${args}` : `/${command}`;
}
