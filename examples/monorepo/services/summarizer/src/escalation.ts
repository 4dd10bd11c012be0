import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

const Verdict = z.object({
  escalate: z.boolean(),
  reason: z.string(),
  severity: z.enum(["low", "medium", "high"]),
});
export type Verdict = z.infer<typeof Verdict>;

const INSTRUCTIONS = `Decide whether this support thread must be escalated to a team lead.
Escalate on: legal threats, data-loss reports, security issues, a third contact about the
same problem, or an enterprise customer asking for a refund. Reply with JSON only:
{"escalate": boolean, "reason": string, "severity": "low" | "medium" | "high"}`;

export async function classifyEscalation(thread: string): Promise<Verdict> {
  const response = await anthropic.messages.create({
    model: "claude-3-5-sonnet-20241022",
    max_tokens: 300,
    temperature: 0,
    system: INSTRUCTIONS,
    messages: [{ role: "user", content: thread }],
  });
  const block = response.content[0];
  if (block?.type !== "text") {
    throw new Error(`unexpected content block: ${block?.type ?? "none"}`);
  }
  return Verdict.parse(JSON.parse(block.text));
}
