// Validates every ```yaml block of a Markdown page against the Kubernetes API schemas of the npm package
// kubernetes-models (what `kubectl apply --dry-run=client` checks, without a cluster).
//   npm install --no-save kubernetes-models yaml
//   node agent-tests/ecosystem/kubernetes/validate-manifests.mjs docs/kubernetes.md
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const page = process.argv[2];
const blocks = [...readFileSync(page, "utf8").matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
let objects = 0;
for (const block of blocks) {
  for (const document of parseAllDocuments(block)) {
    if (document.errors.length > 0) {
      throw new Error(`${page}: not YAML: ${document.errors[0].message}`);
    }
    const object = document.toJS();
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
    const module = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`);
    try {
      new module[object.kind](object).validate();
    } catch (error) {
      console.error(`${page}: ${object.kind} ${object.metadata?.name}: ${error.message}`);
      process.exit(1);
    }
    console.log(`${page}: ${object.apiVersion} ${object.kind} ${object.metadata.name}: valid`);
    objects++;
  }
}
if (objects === 0) {
  console.error(`${page}: no manifest found`);
  process.exit(1);
}
