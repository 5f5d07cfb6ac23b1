// Fails when src/api/generated/schema.d.ts is not what openapi.json generates today.
// Regenerates into a temporary file with the same CLI and options as `npm run api:generate`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/api/generated/schema.d.ts");
const tempDir = mkdtempSync(join(tmpdir(), "shotline-api-check-"));
const fresh = join(tempDir, "schema.d.ts");

try {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/openapi-typescript/bin/cli.js"), "openapi.json", "--output", fresh],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  let current = "";
  try {
    current = readFileSync(committed, "utf8");
  } catch {
    console.error(`api:check: ${committed} is missing. Run \`npm run api:generate\`.`);
    process.exit(1);
  }
  if (readFileSync(fresh, "utf8") !== current) {
    console.error(
      "api:check: src/api/generated/schema.d.ts is stale (openapi.json changed).\n" +
        "Run `npm run api:generate` and commit the result.",
    );
    process.exit(1);
  }
  console.log("api:check: generated API types match openapi.json.");
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}
