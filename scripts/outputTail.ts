// Keeps only the last lines a child process printed, so an error message can
// show what went wrong without holding megabytes of build or server logs.
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 40) {}

  /** Feed a chunk of output (any size, may split lines). */
  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  /** The remembered lines, indented for inclusion in an error message. */
  text(indent = '    '): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.length ? all.map((l) => indent + l).join('\n') : `${indent}(no output)`;
  }

  private add(line: string): void {
    this.lines.push(line.replace(/\r$/, ''));
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
