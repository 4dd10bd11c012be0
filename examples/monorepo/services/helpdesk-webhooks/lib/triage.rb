# frozen_string_literal: true

require "json"
require "openai"

# Tags incoming tickets with a queue and priority, and screens abusive messages
# before a human agent ever opens them.
class Triage
  QUEUES = %w[billing technical account shipping other].freeze

  PROMPT = <<~TEXT
    Classify this customer support ticket. Reply with JSON only:
    {"queue": one of #{QUEUES.join(", ")}, "priority": "p1" | "p2" | "p3", "language": ISO 639-1 code}
  TEXT

  def initialize(client: OpenAI::Client.new(access_token: ENV.fetch("OPENAI_API_KEY"), request_timeout: 20))
    @client = client
  end

  def flagged?(text)
    response = @client.moderations(parameters: { model: "omni-moderation-latest", input: text })
    response.dig("results", 0, "flagged") == true
  end

  def classify(subject, body)
    response = @client.chat(
      parameters: {
        model: "gpt-4o-mini",
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: PROMPT },
          { role: "user", content: "Subject: #{subject}\n\n#{body}" }
        ]
      }
    )
    result = JSON.parse(response.dig("choices", 0, "message", "content"))
    result["queue"] = "other" unless QUEUES.include?(result["queue"])
    result
  end
end
