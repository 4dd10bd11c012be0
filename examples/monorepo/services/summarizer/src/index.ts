import Fastify from "fastify";
import { z } from "zod";

import { classifyEscalation } from "./escalation.js";
import { summarizeThread, type TicketMessage } from "./summarize.js";

const app = Fastify({ logger: true });

const ThreadBody = z.object({
  ticketId: z.string(),
  messages: z.array(
    z.object({
      author: z.enum(["customer", "agent", "bot"]),
      sentAt: z.string(),
      body: z.string(),
    }),
  ),
});

app.post("/v1/threads/summary", async (request, reply) => {
  const parsed = ThreadBody.safeParse(request.body);
  if (!parsed.success) {
    return reply.code(400).send({ error: parsed.error.flatten() });
  }
  const messages: TicketMessage[] = parsed.data.messages;
  const [summary, verdict] = await Promise.all([
    summarizeThread(messages),
    classifyEscalation(messages.map((m) => `${m.author}: ${m.body}`).join("\n")),
  ]);
  return { ticketId: parsed.data.ticketId, ...summary, escalation: verdict };
});

app.get("/healthz", async () => ({ ok: true }));

const port = Number(process.env.PORT ?? 8080);
app.listen({ port, host: "0.0.0.0" }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
