// The schema the model fills when it helps classify a message the offline classifier is unsure about.
// Its output is the core's Understanding (llm-port.ts); service.ts returns it as that type, so the compiler checks they agree.
import { z } from "zod";
import { IntentName } from "../knowledge/schema.ts";

export const INTENT_DESCRIPTIONS: Record<z.infer<typeof IntentName>, string> = {
  policy: "问政策内容、补贴标准、办事流程、找谁办",
  eligibility: "问自己或家人符不符合某项政策的条件、能不能领",
  feedback: "反映问题、投诉、报修、提建议",
  opinion: "对村里正在征求意见的事项表态或投票",
  staff: "村干部、工作人员的管理命令",
  help: "打招呼，或问助手能做什么、怎么用",
  unknown: "和村务、政策都无关的闲聊，或看不懂的话",
};

export const UnderstandingSchema = z
  .object({
    intent: IntentName.describe("one of the intent names listed in the prompt"),
    query: z.string().trim().min(1).max(200).optional().describe("the question rewritten as one standalone question, for knowledge-base search"),
    slots: z
      .object({
        topic: z.string().trim().min(1).max(50).optional().describe("the programme or matter asked about"),
        disabilityGrade: z.number().int().min(1).max(4).optional().describe("disability grade 1-4 when stated"),
        age: z.number().int().min(0).max(120).optional(),
        village: z.string().trim().min(1).max(30).optional(),
      })
      .optional(),
  })
  .describe("Intent and details of a villager's message");

export function describeIntents(): string {
  return Object.entries(INTENT_DESCRIPTIONS)
    .map(([name, description]) => `- ${name}：${description}`)
    .join("\n");
}
