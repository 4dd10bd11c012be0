//! Punctuation and speaker-turn cleanup by a small self-hosted model. Transcripts may contain
//! personal data, so they go to the in-cluster model server, never to a hosted API.

use anyhow::{Context, Result};
use async_openai::{
    config::OpenAIConfig,
    types::{
        ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs,
        CreateChatCompletionRequestArgs,
    },
    Client,
};

const CLEANUP_MODEL: &str = "llama3.1:8b";
const INSTRUCTIONS: &str = "Fix punctuation and casing in this phone-support transcript. \
Put each speaker turn on its own line as 'Agent:' or 'Customer:'. Do not add or remove words.";

pub struct Cleaner {
    client: Client<OpenAIConfig>,
}

impl Cleaner {
    pub fn from_env() -> Result<Self> {
        let config = OpenAIConfig::new()
            .with_api_base(std::env::var("LLM_BASE_URL").context("LLM_BASE_URL is not set")?)
            .with_api_key(std::env::var("LLM_API_KEY").unwrap_or_else(|_| "unused".into()));
        Ok(Self {
            client: Client::with_config(config),
        })
    }

    pub async fn clean(&self, transcript: &str) -> Result<String> {
        let request = CreateChatCompletionRequestArgs::default()
            .model(CLEANUP_MODEL)
            .temperature(0.0)
            .messages([
                ChatCompletionRequestSystemMessageArgs::default()
                    .content(INSTRUCTIONS)
                    .build()?
                    .into(),
                ChatCompletionRequestUserMessageArgs::default()
                    .content(transcript)
                    .build()?
                    .into(),
            ])
            .build()?;
        let response = self.client.chat().create(request).await?;
        response
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .context("model returned no content")
    }
}
