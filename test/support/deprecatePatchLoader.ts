/**
 * A webpack loader for a test bundle: workflows/processWorkflow.ts as the release that deprecates
 * a patch has it, `patched(ID)` become `deprecatePatch(ID)` and the patched branch taken always
 * (step two of shipping a change to running cases; see continueAsNew.test.ts).
 */
export default function deprecatePatchLoader(this: { getOptions(): { constant: string } }, source: string): string {
  const { constant } = this.getOptions();
  const call = `patched(${constant})`;
  if (!source.includes(call)) throw new Error(`deprecatePatchLoader: the workflow source has no ${call} any more`);
  return `import { deprecatePatch } from '@temporalio/workflow';\n${source.replace(call, `(deprecatePatch(${constant}), true)`)}`;
}
