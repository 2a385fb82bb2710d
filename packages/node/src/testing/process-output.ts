/** Test helper: the JSON object a zkLite command prints as the last line of its standard output. */
export function lastJsonLine<T = Record<string, unknown>>(stdout: string, command: string): T {
  const lines = stdout.trim().split("\n");
  const last = lines[lines.length - 1];
  if (last === undefined || last === "") throw new Error(`${command} printed nothing on stdout`);
  return JSON.parse(last) as T;
}
