package com.acme.billing.insights;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/** Turns an invoice into a short plain-language narrative an agent can paste into a reply. */
@Service
public class InvoiceNarrativeService {

    private final ChatClient chatClient;

    public InvoiceNarrativeService(ChatClient.Builder builder) {
        this.chatClient = builder
                .defaultSystem("""
                        You write friendly, precise explanations of Acme invoices for customers.
                        Mention plan changes, proration and credits. Never promise refunds.
                        """)
                .build();
    }

    public String narrate(String invoiceJson, String customerQuestion) {
        return chatClient.prompt()
                .user(u -> u.text("Invoice:\n{invoice}\n\nCustomer asks: {question}")
                        .param("invoice", invoiceJson)
                        .param("question", customerQuestion))
                .call()
                .content();
    }
}
