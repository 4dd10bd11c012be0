package com.acme.billing.insights;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BillingInsightsApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingInsightsApplication.class, args);
    }
}
