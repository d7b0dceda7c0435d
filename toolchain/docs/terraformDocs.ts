import {
  DATA_KEY,
  DATA_KEY_ATTRIBUTES,
  DATA_KEY_DOC,
  DATA_KEYS,
  DATA_KEYS_ATTRIBUTES,
  DATA_KEYS_DOC,
  PROVIDER_ATTRIBUTES,
  PROVIDER_DOC,
  RESOURCE,
  RESOURCE_ATTRIBUTES,
  RESOURCE_DOC,
  type Attribute,
} from "../../provider/fronts/terraform/schema";
import type { CtyType } from "../../provider/fronts/terraform/values";
import { argumentTable } from "../../domain/docs";
import { inTerraformTerms, snake } from "../../provider/fronts/terraform/schema";

/**
 * The Terraform registry's documentation layout (docs/index.md, docs/resources/, docs/data-sources/),
 * as tfplugindocs lays it out, written from the same schema the provider serves (and so from domain/).
 */
const typeName = (type: CtyType): string =>
  typeof type === "string"
    ? type[0]!.toUpperCase() + type.slice(1)
    : type[0] === "object"
      ? "Attributes"
      : `${type[0][0]!.toUpperCase()}${type[0].slice(1)} of ${typeName(type[1] as CtyType)}`;

const escape = (text: string) => text.replace(/</g, "&lt;").replace(/>/g, "&gt;");

function line(a: Attribute): string {
  const flags = [typeName(a.type), a.sensitive ? "Sensitive" : "", a.writeOnly ? "Write-only" : ""].filter(
    Boolean,
  );
  const nested = a.nested?.map((n) => `  - \`${n.name}\` (${typeName(n.type)}) ${n.description}`).join("\n");
  return `- \`${a.name}\` (${flags.join(", ")}) ${escape(a.description)}${nested ? `\n${nested}` : ""}`;
}

function schemaSection(attributes: readonly Attribute[]): string {
  const groups: Array<[string, Attribute[]]> = [
    ["Required", attributes.filter((a) => a.required)],
    ["Optional", attributes.filter((a) => a.optional)],
    ["Read-Only", attributes.filter((a) => a.computed && !a.optional && !a.required)],
  ];
  return groups
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => `### ${title}\n\n${list.map(line).join("\n")}`)
    .join("\n\n");
}

const front = (title: string, description: string) =>
  `---\npage_title: "${title}"\nsubcategory: ""\ndescription: |-\n  ${description}\n---\n`;

const RESOURCE_EXAMPLE = `resource "venice_api_key" "ci" {
  description       = "ci / staging"
  consumption_limit = { usd = 25 }
  limit_period      = "MONTH"
  expire_after      = "90d"
  rotate_before     = "14d"
  retire_after      = "1d"

  lifecycle {
    # Replacements (a type change, rotation_trigger, the rotation window) make the new key first.
    create_before_destroy = true
  }
}

output "ci_key" {
  value     = venice_api_key.ci.key
  sensitive = true
}`;

export function terraformDocs(): Array<{ path: string; text: string }> {
  const resourceAttributes = RESOURCE_ATTRIBUTES.map((a) => a.attribute);
  return [
    {
      path: "docs/index.md",
      text: `${front("Provider: Venice", PROVIDER_DOC)}
# Venice Provider

${PROVIDER_DOC}

## Example Usage

\`\`\`terraform
terraform {
  required_providers {
    venice = {
      source = "pulumi-venice/venice"
    }
  }
}

# VENICE_ADMIN_API_KEY from the environment
provider "venice" {}

# A second account
provider "venice" {
  alias         = "prod"
  admin_api_key = var.prod_admin_key
}
\`\`\`

## Schema

${schemaSection(PROVIDER_ATTRIBUTES)}
`,
    },
    {
      path: `docs/resources/${RESOURCE.replace(/^venice_/, "")}.md`,
      text: `${front(`${RESOURCE} Resource - venice`, RESOURCE_DOC)}
# ${RESOURCE} (Resource)

${RESOURCE_DOC}

## Example Usage

\`\`\`terraform
${RESOURCE_EXAMPLE}
\`\`\`

## Arguments and what a change does

${inTerraformTerms(argumentTable(snake))}

## Schema

${schemaSection(resourceAttributes)}

## Import

\`\`\`shell
tofu import ${RESOURCE}.legacy <id>
\`\`\`

or, with \`tofu plan -generate-config-out=generated.tf\`:

\`\`\`terraform
import {
  to = ${RESOURCE}.legacy
  id = "<id>"
}
\`\`\`

An imported key's value stays unknown (Venice shows it only at creation): declare it with \`adopt_key_id\`
and \`adopt_key_value\` instead to have it as \`key\`.
`,
    },
    ...(
      [
        [
          DATA_KEY,
          DATA_KEY_DOC,
          DATA_KEY_ATTRIBUTES,
          `data "${DATA_KEY}" "ci" {\n  id = venice_api_key.ci.id\n}`,
        ],
        [
          DATA_KEYS,
          DATA_KEYS_DOC,
          DATA_KEYS_ATTRIBUTES,
          `data "${DATA_KEYS}" "staging" {\n  description_prefix = "staging"\n}`,
        ],
      ] as const
    ).map(([name, doc, attributes, example]) => ({
      path: `docs/data-sources/${name.replace(/^venice_/, "")}.md`,
      text: `${front(`${name} Data Source - venice`, doc)}
# ${name} (Data Source)

${doc}

## Example Usage

\`\`\`terraform
${example}
\`\`\`

## Schema

${schemaSection(attributes)}
`,
    })),
  ];
}
