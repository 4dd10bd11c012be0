# frozen_string_literal: true

require "json"
require "openssl"
require "sinatra/base"
require_relative "lib/triage"

# Receives "ticket created" webhooks from the helpdesk and writes back tags.
class HelpdeskWebhooks < Sinatra::Base
  set :triage, Triage.new

  before do
    content_type :json
  end

  helpers do
    def verified?(payload)
      expected = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("HELPDESK_WEBHOOK_SECRET"), payload)
      Rack::Utils.secure_compare(expected, request.env["HTTP_X_HELPDESK_SIGNATURE"].to_s)
    end
  end

  post "/webhooks/ticket-created" do
    payload = request.body.read
    halt 401, { error: "bad signature" }.to_json unless verified?(payload)

    ticket = JSON.parse(payload)
    text = "#{ticket["subject"]}\n\n#{ticket["body"]}"
    reply =
      if settings.triage.flagged?(text)
        { ticket_id: ticket["id"], tags: ["screened"], queue: "trust-and-safety" }
      else
        result = settings.triage.classify(ticket["subject"], ticket["body"])
        { ticket_id: ticket["id"], tags: [result["priority"], "lang:#{result["language"]}"], queue: result["queue"] }
      end
    reply.to_json
  end

  get "/healthz" do
    { ok: true }.to_json
  end
end
