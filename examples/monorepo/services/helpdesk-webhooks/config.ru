require_relative "app"

run HelpdeskWebhooks
