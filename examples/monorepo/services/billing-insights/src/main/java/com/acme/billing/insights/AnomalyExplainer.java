package com.acme.billing.insights;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Explains why an invoice differs from the customer's usual bill. */
@Service
public class AnomalyExplainer {

    private static final String SYSTEM = """
            You explain billing anomalies to support agents. Use only the figures given.
            Name the line items that changed and by how much, in two or three sentences.
            """;

    private final OpenAIClient client;
    private final String model;

    public AnomalyExplainer(OpenAIClient client, @Value("${billing.llm.model}") String model) {
        this.client = client;
        this.model = model;
    }

    public String explain(String accountId, BigDecimal usual, BigDecimal current, String lineItemsCsv) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage(SYSTEM)
                .addUserMessage("Account %s: usual total %s, this invoice %s.%nLine items:%n%s"
                        .formatted(accountId, usual, current, lineItemsCsv))
                .temperature(0.0)
                .maxCompletionTokens(250L)
                .build();
        ChatCompletion completion = client.chat().completions().create(params);
        return completion.choices().get(0).message().content().orElse("");
    }
}
