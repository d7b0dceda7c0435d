# Per-environment Venice API keys, and a deployer key in a second account, with OpenTofu or Terraform.
# The default provider reads VENICE_ADMIN_API_KEY (and VENICE_BASE_URL) from the environment; the
# aliased one is the second account, configured from variables (its admin key is sensitive).
terraform {
  required_version = ">= 1.6"
  required_providers {
    venice = {
      source = "pulumi-venice/venice"
    }
  }
}

variable "environments" {
  description = "Each environment's monthly spend cap in USD."
  type        = map(number)
  default = {
    staging    = 25
    production = 200
  }
}

variable "automation_base_url" {
  description = "The second account's API (null: Venice's)."
  type        = string
  default     = null
}

variable "automation_admin_key" {
  description = "The second account's ADMIN key."
  type        = string
  sensitive   = true
  default     = null
}

variable "deployer_type" {
  description = "The deployer key's type (changing it replaces the key, the new one first)."
  type        = string
  default     = "INFERENCE"
}

provider "venice" {}

provider "venice" {
  alias         = "automation"
  base_url      = var.automation_base_url
  admin_api_key = var.automation_admin_key
}

# One key per environment, renewed every 90 days: 14 days before the expiry the plan replaces it (the
# new key first), and the old one keeps working for a day so that consumers can pick up the new value.
resource "venice_api_key" "app" {
  for_each = var.environments

  description       = "${each.key} / app"
  consumption_limit = { usd = each.value }
  limit_period      = "MONTH"
  model_privacy     = "PRIVATE_TEXT"
  expire_after      = "90d"
  rotate_before     = "14d"
  retire_after      = "1d"

  lifecycle {
    create_before_destroy = true
  }
}

resource "venice_api_key" "deployer" {
  provider = venice.automation

  description       = "automation / deployer"
  api_key_type      = var.deployer_type
  consumption_limit = { usd = 0, diem = 0 }

  lifecycle {
    create_before_destroy = true
  }
}

data "venice_api_keys" "staging" {
  description_prefix = "staging"
  depends_on         = [venice_api_key.app]
}

output "app_keys" {
  description = "Each environment's key value."
  value       = { for name, key in venice_api_key.app : name => key.key }
  sensitive   = true
}

output "deployer_key" {
  value     = venice_api_key.deployer.key
  sensitive = true
}

output "staging_key_ids" {
  value = [for key in data.venice_api_keys.staging.keys : key.id]
}
