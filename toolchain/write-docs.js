#!/usr/bin/env node
// `npm run docs`: rewrites every generated block and page from the field records in domain/ (built
// into dist/ first). tests/unit/generatedDocs.test.ts fails when a committed copy differs.
const { readFileSync, writeFileSync, mkdirSync } = require("node:fs");
const { dirname, join } = require("node:path");

const root = join(__dirname, "..");
const { generatedDocs } = require(join(root, "dist/toolchain/docs/generatedDocs.js"));

for (const doc of generatedDocs()) {
  const path = join(root, doc.path);
  if (doc.block) {
    const text = readFileSync(path, "utf8");
    const start = text.indexOf(doc.block.start);
    const end = text.indexOf(doc.block.end);
    if (start < 0 || end < start) throw new Error(`${doc.path} has no block ${doc.block.start}`);
    const next = `${text.slice(0, start + doc.block.start.length)}\n${doc.text}\n${text.slice(end)}`;
    if (next !== text) writeFileSync(path, next);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, doc.text);
  }
  console.log(`docs: ${doc.path}`);
}
