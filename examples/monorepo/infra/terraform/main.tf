terraform {
  required_version = ">= 1.6"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.116" }
    aws     = { source = "hashicorp/aws", version = "~> 5.70" }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "support/ai-platform.tfstate"
    region = "eu-central-1"
  }
}

provider "azurerm" {
  features {}
}

provider "aws" {
  region = "eu-central-1"
}

locals {
  tags = { team = "ai-platform", product = "acme-support" }
}

# Fallback chat model for agent-gateway (see services/agent-gateway/gateway/router.py).
resource "azurerm_resource_group" "ai" {
  name     = "rg-support-ai"
  location = "swedencentral"
  tags     = local.tags
}

resource "azurerm_cognitive_account" "openai" {
  name                  = "acme-support-swc"
  location              = "swedencentral"
  resource_group_name   = azurerm_resource_group.ai.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "acme-support-swc"
  tags                  = local.tags
}

resource "azurerm_cognitive_deployment" "gpt4o" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "Standard"
    capacity = 50
  }
}

# Pilot: a managed refund agent, to replace gateway/refund_agent.py if it holds up.
data "aws_iam_policy_document" "agent_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "refund_agent" {
  name               = "support-refund-agent"
  assume_role_policy = data.aws_iam_policy_document.agent_assume.json
  tags               = local.tags
}

resource "aws_bedrockagent_agent" "refund" {
  agent_name                  = "support-refund-agent"
  agent_resource_role_arn     = aws_iam_role.refund_agent.arn
  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  idle_session_ttl_in_seconds = 600
  instruction                 = "You review refund requests against Acme's refund policy and explain each decision."
  tags                        = local.tags
}
