import { generateText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";

// Together hosts open-weight Llama models behind an OpenAI-compatible API, which is why
// the OpenAI provider is pointed at it.
const together = createOpenAI({
  baseURL: "https://api.together.xyz/v1",
  apiKey: process.env.TOGETHER_API_KEY,
});

const SUMMARY_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo";

export interface TicketMessage {
  author: "customer" | "agent" | "bot";
  sentAt: string;
  body: string;
}

export interface ThreadSummary {
  summary: string;
  tokens: number;
}

const SYSTEM = [
  "You summarise customer support threads for Acme Support agents.",
  "Write 3-6 short bullet points: the problem, steps already taken, promises made, next step.",
  "Never invent order numbers, amounts or dates that are not in the thread.",
].join("\n");

function render(messages: TicketMessage[]): string {
  return messages
    .map((m) => `[${m.sentAt}] ${m.author.toUpperCase()}: ${m.body.trim()}`)
    .join("\n");
}

export async function summarizeThread(messages: TicketMessage[]): Promise<ThreadSummary> {
  if (messages.length === 0) {
    return { summary: "", tokens: 0 };
  }
  const { text, usage } = await generateText({
    model: together(SUMMARY_MODEL),
    system: SYSTEM,
    prompt: render(messages),
    temperature: 0.2,
    maxTokens: 400,
  });
  return { summary: text.trim(), tokens: usage.totalTokens };
}
