"""Recall cases for the `ai` group: AI model APIs, vector databases and LLM tooling.

Every `make(f)` builds a fresh fake in the vendor's documented format from `f` (a `Fakes`) alone.
"""
import base64
import json
import string

from recall_spec import Case

B62 = string.digits + string.ascii_letters


def _anthropic(kind):
    return lambda f: "sk-ant-" + kind + "-" + f.urlsafe(93) + "AA"


def _helicone(prefix, region=""):
    return lambda f: prefix + "-helicone-" + region + "-".join(f.lower_alnum(7) for _ in range(4))


def _neptune(f):
    body = {"api_address": "https://app.neptune.ai", "api_url": "https://app.neptune.ai", "api_key": f.uuid()}
    return base64.b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()


CASES = [
    # Anthropic (anthropic.api_key already has its own cases elsewhere; these are the OAuth kinds)
    Case(family="anthropic", rule="anthropic.oauth_access_token", name="CLAUDE_CODE_OAUTH_TOKEN",
         make=_anthropic("oat01")),
    Case(family="anthropic", rule="anthropic.oauth_refresh_token", name="refreshToken",
         make=_anthropic("ort01")),

    # Hugging Face organization token
    Case(family="huggingface", rule="huggingface.org_api_token", name="HUGGINGFACE_HUB_TOKEN",
         make=lambda f: "api_org_" + f.chars(string.ascii_letters, 34)),

    # Cohere, Mistral (context rules)
    Case(family="cohere", rule="cohere.api_key", name="COHERE_API_KEY", make=lambda f: f.alnum(40)),
    Case(family="cohere", rule="cohere.api_key", name="CO_API_KEY", make=lambda f: f.alnum(40)),
    Case(family="mistral", rule="mistral.api_key", name="MISTRAL_API_KEY", make=lambda f: f.alnum(32)),
    Case(family="mistral", rule="mistral.api_key", name="CODESTRAL_API_KEY", make=lambda f: f.alnum(32)),

    # Prefixed inference APIs
    Case(family="groq", rule="groq.api_key", name="GROQ_API_KEY", make=lambda f: "gsk_" + f.alnum(52)),
    Case(family="replicate", rule="replicate.api_token", name="REPLICATE_API_TOKEN", make=lambda f: "r8_" + f.alnum(37)),
    Case(family="perplexity", rule="perplexity.api_key", name="PERPLEXITY_API_KEY", make=lambda f: "pplx-" + f.alnum(48)),
    Case(family="perplexity", rule="perplexity.api_key", name="PPLX_API_KEY", make=lambda f: "pplx-" + f.hex(48)),
    Case(family="deepseek", rule="deepseek.api_key", name="DEEPSEEK_API_KEY", make=lambda f: "sk-" + f.hex(32)),
    Case(family="xai", rule="xai.api_key", name="XAI_API_KEY", make=lambda f: "xai-" + f.alnum(80)),
    Case(family="openrouter", rule="openrouter.api_key", name="OPENROUTER_API_KEY", make=lambda f: "sk-or-v1-" + f.hex(64)),
    Case(family="cerebras", rule="cerebras.api_key", name="CEREBRAS_API_KEY", make=lambda f: "csk-" + f.lower_alnum(48)),
    Case(family="fireworks", rule="fireworks.api_key", name="FIREWORKS_API_KEY", make=lambda f: "fw_" + f.b58(24)),
    Case(family="nvidia", rule="nvidia.api_key", name="NVIDIA_API_KEY", make=lambda f: "nvapi-" + f.urlsafe(64)),
    Case(family="nvidia", rule="nvidia.api_key", name="NGC_API_KEY", make=lambda f: "nvapi-" + f.urlsafe(64)),
    Case(family="togetherai", rule="togetherai.api_key", name="TOGETHER_API_KEY", make=lambda f: f.hex(64)),
    Case(family="togetherai", rule="togetherai.api_key", name="TOGETHERAI_API_KEY", make=lambda f: "tgp_v1_" + f.urlsafe(43)),
    Case(family="anyscale", rule="anyscale.endpoints_api_key", name="ANYSCALE_API_KEY",
         make=lambda f: "esecret_" + f.lower_alnum(26)),
    Case(family="anyscale", rule="anyscale.platform_api_key", name="ANYSCALE_CLI_TOKEN",
         make=lambda f: "aph0_" + f.b64url(90)),
    Case(family="deepinfra", rule="deepinfra.api_key", name="DEEPINFRA_API_TOKEN", make=lambda f: f.alnum(32)),
    Case(family="ai21", rule="ai21.api_key", name="AI21_API_KEY", make=lambda f: f.alnum(32)),
    Case(family="alephalpha", rule="alephalpha.api_token", name="AA_TOKEN",
         make=lambda f: "eyJ" + f.b64url(30) + "." + f.b64url(90) + "." + f.b64url(32)),
    Case(family="baseten", rule="baseten.api_key", name="BASETEN_API_KEY", make=lambda f: f.alnum(8) + "." + f.alnum(32)),
    Case(family="baseten", rule="baseten.api_key", name="Authorization",
         make=lambda f: f.alnum(8) + "." + f.alnum(32),
         line=lambda f, s: "curl -s https://model-%s.api.baseten.co/production/predict -H 'Authorization: Api-Key %s' -d '{}'"
         % (f.lower_alnum(8), s)),
    Case(family="modal", rule="modal.token_secret", name="MODAL_TOKEN_SECRET", make=lambda f: "as-" + f.alnum(22)),
    Case(family="modal", rule="modal.token_secret", name="token_secret",
         make=lambda f: "as-" + f.alnum(22),
         line=lambda f, s: '[default]\ntoken_id = "ak-%s"\ntoken_secret = "%s"\nactive = true' % (f.alnum(22), s)),

    # Speech, image and video
    Case(family="elevenlabs", rule="elevenlabs.api_key", name="ELEVENLABS_API_KEY", make=lambda f: "sk_" + f.hex(48)),
    Case(family="elevenlabs", rule="elevenlabs.api_key", name="ELEVEN_API_KEY", make=lambda f: f.hex(32)),
    Case(family="assemblyai", rule="assemblyai.api_key", name="ASSEMBLYAI_API_KEY", make=lambda f: f.hex(32)),
    Case(family="deepgram", rule="deepgram.api_key", name="DEEPGRAM_API_KEY", make=lambda f: f.hex(40)),
    Case(family="stabilityai", rule="stabilityai.api_key", name="STABILITY_API_KEY", make=lambda f: "sk-" + f.alnum(48)),
    Case(family="clarifai", rule="clarifai.personal_access_token", name="CLARIFAI_PAT", make=lambda f: f.hex(32)),
    Case(family="runway", rule="runway.api_key", name="RUNWAYML_API_SECRET", make=lambda f: "key_" + f.hex(128)),
    Case(family="scaleai", rule="scaleai.live_api_key", name="SCALE_API_KEY", make=lambda f: "live_" + f.hex(32)),
    Case(family="scaleai", rule="scaleai.test_api_key", name="SCALE_API_KEY", make=lambda f: "test_" + f.hex(32)),

    # Embeddings, search and retrieval
    Case(family="voyageai", rule="voyageai.api_key", name="VOYAGE_API_KEY", make=lambda f: "pa-" + f.urlsafe(43)),
    Case(family="jina", rule="jina.api_key", name="JINA_API_KEY", make=lambda f: "jina_" + f.hex(32) + f.alnum(28)),
    Case(family="tavily", rule="tavily.api_key", name="TAVILY_API_KEY", make=lambda f: "tvly-" + f.alnum(32)),
    Case(family="tavily", rule="tavily.api_key", name="TAVILY_API_KEY", make=lambda f: "tvly-dev-" + f.alnum(32)),
    Case(family="llamacloud", rule="llamacloud.api_key", name="LLAMA_CLOUD_API_KEY", make=lambda f: "llx-" + f.alnum(48)),
    Case(family="firecrawl", rule="firecrawl.api_key", name="FIRECRAWL_API_KEY", make=lambda f: "fc-" + f.hex(32)),
    Case(family="e2b", rule="e2b.api_key", name="E2B_API_KEY", make=lambda f: "e2b_" + f.hex(40)),

    # Vector databases
    Case(family="pinecone", rule="pinecone.api_key", name="PINECONE_API_KEY",
         make=lambda f: "pcsk_" + f.alnum(6) + "_" + f.alnum(63)),
    Case(family="pinecone", rule="pinecone.api_key", name="PINECONE_API_KEY",
         make=lambda f: "pckey_" + f.alnum(5) + "_" + f.alnum(63)),
    Case(family="pinecone", rule="pinecone.legacy_api_key", name="PINECONE_API_KEY", make=lambda f: f.uuid()),
    Case(family="weaviate", rule="weaviate.api_key", name="WEAVIATE_API_KEY", make=lambda f: f.alnum(40)),
    Case(family="qdrant", rule="qdrant.api_key", name="QDRANT_API_KEY", make=lambda f: f.alnum(40)),
    Case(family="qdrant", rule="qdrant.api_key", name="QDRANT__SERVICE__API_KEY", make=lambda f: f.uuid() + "|" + f.alnum(40)),
    Case(family="zilliz", rule="zilliz.api_key", name="ZILLIZ_API_KEY", make=lambda f: f.hex(104)),

    # Experiment tracking, tracing and LLM observability
    Case(family="wandb", rule="wandb.api_key", name="WANDB_API_KEY", make=lambda f: f.hex(40)),
    Case(family="wandb", rule="wandb.api_key", name="WANDB_API_KEY", make=lambda f: "local-" + f.hex(40)),
    Case(family="wandb", rule="wandb.api_key", name="WANDB_API_KEY", make=lambda f: f.alnum(86)),
    Case(family="wandb", rule="wandb.api_key", name="wandb.login",
         make=lambda f: f.hex(40), line=lambda f, s: 'wandb.login(key="%s")' % s),
    Case(family="langsmith", rule="langsmith.personal_access_token", name="LANGSMITH_API_KEY",
         make=lambda f: "lsv2_pt_" + f.hex(32) + "_" + f.hex(10)),
    Case(family="langsmith", rule="langsmith.service_key", name="LANGCHAIN_API_KEY",
         make=lambda f: "lsv2_sk_" + f.hex(32) + "_" + f.hex(10)),
    Case(family="langsmith", rule="langsmith.legacy_api_key", name="LANGCHAIN_API_KEY", make=lambda f: "ls__" + f.hex(32)),
    Case(family="langfuse", rule="langfuse.secret_key", name="LANGFUSE_SECRET_KEY", make=lambda f: "sk-lf-" + f.uuid()),
    Case(family="helicone", rule="helicone.api_key", name="HELICONE_API_KEY", make=_helicone("sk")),
    Case(family="helicone", rule="helicone.api_key", name="HELICONE_API_KEY", make=_helicone("sk", "eu-")),
    Case(family="helicone", rule="helicone.write_key", name="HELICONE_WRITE_KEY", make=_helicone("pk")),
    Case(family="neptune", rule="neptune.api_token", name="NEPTUNE_API_TOKEN", make=_neptune),
]
