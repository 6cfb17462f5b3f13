/**
 * Hover Markdown built from data must not be able to run a command: the client trusts `command:` links to the
 * hover's own commands, so a hostile value one click from `assetline.materialize` would run whatever it names.
 * Rendered with marked, the Markdown renderer VS Code's hovers use.
 */
import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import type { Metadata } from "../../../sdk/src/protocol";
import { inlineCode, metadataMarkdown, withoutCommandLinks } from "../../../server/src/metadataMarkdown";

const run = 'command:assetline.materialize?["x or *"]';
const encoded = `command:assetline.materialize?${encodeURIComponent('["*"]')}`;

/** Every link target and raw HTML the renderer would produce from `markdown`. */
function targets(markdown: string): string[] {
  const found: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type === "link" || token.type === "image") found.push(token.href);
    if (token.type === "html") found.push(token.raw);
  });
  return found;
}

const followsCommand = (target: string) => /^\s*command:/i.test(decodeURIComponent(target)) || /command:/i.test(target);

describe("hover Markdown from hostile metadata", () => {
  const hostile: Metadata = {
    note: {
      type: "md",
      value: [
        `[inline](${run})`,
        `[escaped](command\\:assetline.materialize)`,
        "[entity](&#99;ommand:assetline.materialize) and [named](command&colon;assetline.materialize)",
        "<command:assetline.materialize> and <COMMAND:assetline.showLineage>",
        "[ref][r]\n\n[r]: command:assetline.materializeWithUpstream",
        '<a href="command:assetline.materialize">html</a>',
      ].join("\n\n"),
    },
    preview: { type: "md", value: `| a |\n| --- |\n| [cell](${encoded}) |` },
    source: { type: "url", value: encoded },
    config: { type: "json", value: { text: `\`\`\`\n[out](${encoded})\n` } },
    file: { type: "path", value: "a``b <command:assetline.materialize>" },
    words: { type: "text", value: `[t](${run})` },
  };
  const markdown = withoutCommandLinks(metadataMarkdown(hostile));

  it("leaves no link, autolink or HTML that runs a command", () => {
    expect(targets(markdown).filter(followsCommand)).toEqual([]);
    // Unneutralized, the same Markdown has them: the check sees what it is meant to.
    expect(targets(metadataMarkdown(hostile)).filter(followsCommand).length).toBeGreaterThan(5);
  });

  it("still shows the values: the hostile text reads as written, a non-web url is code, not a link", () => {
    expect(markdown.replaceAll("\u200b", "")).toContain(`[inline](${run})`);
    expect(markdown).toContain(`- **source**: \`${encoded.replace(":", "\u200b:")}\``);
    expect(metadataMarkdown({ web: { type: "url", value: "https://example.com/a b" } })).toBe(
      "- **web**: [https://example.com/a b](https://example.com/a%20b)",
    );
  });

  it("keeps a JSON string holding a code fence inside its block", () => {
    const tokens = marked.lexer(metadataMarkdown({ config: hostile.config! }));
    const code = tokens.filter((token) => token.type === "code");
    expect(code).toHaveLength(1);
    expect((code[0] as { text: string }).text).toContain("[out](");
  });
});

describe("inline code from data", () => {
  it.each(["a``b", "`start", "end`", "``", "x ` y", "tier=`gold`` [x](command:y)", "two\n\nparagraphs"])(
    "stays one code span holding %j",
    (text) => {
      const [paragraph] = marked.lexer(inlineCode(text));
      const inline = (paragraph as { tokens: Token[] }).tokens;
      expect(inline.map((token) => token.type)).toEqual(["codespan"]);
      expect((inline[0] as { text: string }).text).toBe(text.replace(/\s*\n+\s*/g, " "));
    },
  );
});
