/**
 * The file: nine levels of anchors, each merging nine copies of the level below. A YAML 1.1 loader copies
 * 9^9 mappings to build it; expanding it naively never finishes.
 */
export function mergeBombYaml(): string {
  const lines = ["# merge bomb", "x0: &x0 {name: bomb, interval: '@daily', job: j}"];
  for (let level = 1; level <= 9; level += 1) {
    lines.push(`x${level}: &x${level} {<<: [${Array.from({ length: 9 }, () => `*x${level - 1}`).join(", ")}]}`);
  }
  lines.push("jobs: [{name: j, tasks: t}]", "schedules: [*x9]");
  const text = `${lines.join("\n")}\n`;
  return text.replace("# merge bomb", `# merge bomb${"-".repeat(742 - text.length)}`);
}
