# The keys examples/ci's OpenTofu workflow manages (.github/workflows/venice-keys-tofu.yml).
terraform {
  required_providers {
    venice = {
      source = "pulumi-venice/venice"
    }
  }
}

provider "venice" {}

resource "venice_api_key" "ci" {
  description       = "ci / inference tests (tofu)"
  consumption_limit = { usd = 10 }
  limit_period      = "MONTH"
  model_privacy     = "PRIVATE_TEXT"
  expire_after      = "90d"
  rotate_before     = "14d"
  retire_after      = "1d"

  lifecycle {
    create_before_destroy = true
  }
}

output "ci_key" {
  value     = venice_api_key.ci.key
  sensitive = true
}
