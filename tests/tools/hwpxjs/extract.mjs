// Reads an .hwpx file with @ssabrojs/hwpxjs and prints {"paragraphs": [...], "cells": [...], "images": [...]} as JSON.
// paragraphs: the library's extractText(), one entry per top-level paragraph.
// cells: extractText() does not enter tables, so table cells are read from the library's own parse of each
// section (its ZIP loading and XML parser), one entry per hp:tc in document order, lines joined by "\n".
// images: the pictures the library's extractHtml() embeds, in document order: it resolves each hc:img
// binaryItemIDRef through content.hpf to a BinData entry; {path, mimeType, base64} each.
import { readFile } from "node:fs/promises";
import { HwpxReader } from "@ssabrojs/hwpxjs";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node extract.mjs <file.hwpx>");
  process.exit(2);
}

const bytes = await readFile(file);
const reader = new HwpxReader();
await reader.loadFromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

const text = await reader.extractText();
const sections = reader.getSectionPathsBySpine();
if (!sections) {
  console.error("no section listed in the spine of Contents/content.hpf");
  process.exit(3);
}

const list = (node) => (node === undefined || node === null ? [] : Array.isArray(node) ? node : [node]);

// The parser turns numeric text into numbers; a cell reading "1" comes back as 1.
const textOf = (t) => (typeof t === "string" || typeof t === "number" ? String(t) : typeof t?.["#text"] === "string" ? t["#text"] : "");

const cells = [];
const visit = (node) => {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "tbl") {
      for (const tbl of list(value)) {
        for (const tr of list(tbl.tr)) {
          for (const tc of list(tr.tc)) {
            const lines = list(tc.subList?.p).map((p) => list(p.run).map((run) => textOf(run.t)).join(""));
            cells.push(lines.join("\n"));
          }
        }
      }
    } else {
      visit(value);
    }
  }
};

for (const path of sections) {
  visit(reader.parseXml(reader.getTextFile(path)));
}

// With a resolver the library writes each picture's BinData path as its src; its own ZIP load holds the bytes.
const images = [];
const html = await reader.extractHtml({ imageSrcResolver: (path) => path });
for (const match of html.matchAll(/<img src="([^"]*)"/g)) {
  const path = match[1];
  const bytes = reader.files?.[path];
  images.push({ path, mimeType: reader.detectMimeType(path), base64: bytes ? Buffer.from(bytes).toString("base64") : null });
}

process.stdout.write(JSON.stringify({ paragraphs: text.split("\n"), cells, images }));
