import os

# The service builds its clients at import time; tests never reach the network, but the
# constructors still want configuration.
os.environ.setdefault("OPENAI_API_KEY", "test-key")
os.environ.setdefault("PINECONE_API_KEY", "test-key")
os.environ.setdefault("SUPPORT_BOT_PINECONE_HOST", "https://localhost:5081")
