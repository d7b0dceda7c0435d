import { argumentTable, generatedBlock } from "../../domain/docs";
import { terraformDocs } from "./terraformDocs";

/** A file, or a block inside one, whose text is made from domain/ (see toolchain/write-docs.js). */
export interface GeneratedDoc {
  /** From the repository's root. */
  path: string;
  /** When set, only the text between these lines is generated. */
  block?: { start: string; end: string };
  text: string;
}

export function generatedDocs(): GeneratedDoc[] {
  return [
    { path: "README.md", block: generatedBlock("ApiKey arguments"), text: argumentTable() },
    ...terraformDocs(),
  ];
}
