package com.acme.billing.insights;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InsightsController {

    record NarrativeRequest(String invoiceJson, String question) {}

    record AnomalyRequest(BigDecimal usualTotal, BigDecimal currentTotal, String lineItemsCsv) {}

    private final InvoiceNarrativeService narratives;
    private final AnomalyExplainer anomalies;

    public InsightsController(InvoiceNarrativeService narratives, AnomalyExplainer anomalies) {
        this.narratives = narratives;
        this.anomalies = anomalies;
    }

    @PostMapping("/v1/invoices/narrative")
    public Map<String, String> narrative(@RequestBody NarrativeRequest request) {
        return Map.of("narrative", narratives.narrate(request.invoiceJson(), request.question()));
    }

    @PostMapping("/v1/accounts/{accountId}/anomaly")
    public Map<String, String> anomaly(@PathVariable String accountId, @RequestBody AnomalyRequest request) {
        String text = anomalies.explain(
                accountId, request.usualTotal(), request.currentTotal(), request.lineItemsCsv());
        return Map.of("explanation", text);
    }
}
