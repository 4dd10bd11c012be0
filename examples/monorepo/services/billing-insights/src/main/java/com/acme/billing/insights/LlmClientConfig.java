package com.acme.billing.insights;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client used for anomaly explanations. The base URL is configuration so that staging
 * can point at the internal gateway while production calls the provider directly.
 */
@Configuration
public class LlmClientConfig {

    @Bean
    public OpenAIClient llmClient(
            @Value("${billing.llm.base-url}") String baseUrl,
            @Value("${billing.llm.api-key}") String apiKey,
            @Value("${billing.llm.timeout:20s}") Duration timeout) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .timeout(timeout)
                .maxRetries(2)
                .build();
    }
}
