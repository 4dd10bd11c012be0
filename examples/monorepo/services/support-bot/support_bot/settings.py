from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration, read from the environment (see deploy/helm/support-bot)."""

    model_config = SettingsConfigDict(env_prefix="SUPPORT_BOT_", extra="ignore")

    pinecone_host: str  # the index host, e.g. from the Pinecone console
    pinecone_namespace: str = "en"
    top_k: int = 6
    max_answer_tokens: int = 600


settings = Settings()
