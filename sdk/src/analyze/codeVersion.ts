import { createHash } from "node:crypto";
import ts from "typescript";

/**
 * The code version of a definition: a short hash of its source's tokens, so reformatting or editing comments
 * does not make an asset stale. The analyzer hashes each definition call; the runner calls the same function.
 */
export function codeVersion(sourceText: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, sourceText);
  const hash = createHash("sha256");
  // Tokens are joined by a separator no token contains, so `a b` and `ab` hash differently.
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    hash.update(scanner.getTokenText());
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 16);
}
