"""agent-gateway: routes chat to the primary model with a fallback, and hosts the refund agent."""
