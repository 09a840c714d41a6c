/**
 * Splits message lines into chunks of at most `max` characters on line boundaries; a single overlong line is cut
 * between characters, never inside an HTML entity (`&amp;`) when `entities` is set. Shared by the Telegram (4,096)
 * and Zalo (2,000) renderers.
 */
export function splitOnLines(lines: string[], max: number, entities = false): string[] {
  const chunks: string[] = [];
  let current = "";
  const push = () => {
    const trimmed = current.replace(/^\n+|\n+$/g, "");
    if (trimmed.trim() !== "") chunks.push(trimmed);
    current = "";
  };
  for (const raw of lines) {
    let line = raw;
    while (line.length > max) {
      push();
      let cut = max;
      if (entities) {
        const amp = line.lastIndexOf("&", cut);
        if (amp > max - 8) cut = amp;
      }
      chunks.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    if (current.length + line.length + 1 > max) push();
    current = current ? `${current}\n${line}` : line;
  }
  push();
  return chunks;
}
