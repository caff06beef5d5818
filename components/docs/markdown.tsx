import type { ReactNode } from "react";

/**
 * A small Markdown renderer for the project's own docs (headings, paragraphs, lists, fenced
 * code, tables, inline code, bold, emphasis, links), building React elements, never HTML
 * strings. Links to `other.md` go to the app's `/docs/other` page.
 */
export function Markdown({ source }: { source: string }) {
  return <>{blocks(source.replace(/\r\n?/g, "\n").split("\n"))}</>;
}

function docHref(href: string): string {
  const local = /^(?:\.\/|docs\/)?([a-z0-9-]+)\.md(#.*)?$/.exec(href);
  return local ? `/docs/${local[1]}${local[2] ?? ""}` : href;
}

const INLINE =
  /(`[^`]+`)|(\*\*[^*]+\*\*)|(\[[^\]]+\]\([^)\s]+\))|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(<https?:\/\/[^>]+>)/g;

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const [all] = m;
    if (m[1]) out.push(<code key={key++}>{all.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={key++}>{inline(all.slice(2, -2))}</strong>);
    else if (m[3]) {
      const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(all)!;
      out.push(
        <a key={key++} href={docHref(href)}>
          {inline(label)}
        </a>,
      );
    } else if (m[4]) out.push(<em key={key++}>{inline(all.slice(1, -1))}</em>);
    else
      out.push(
        <a key={key++} href={all.slice(1, -1)}>
          {all.slice(1, -1)}
        </a>,
      );
    last = m.index + all.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());

function blocks(lines: string[]): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const key = out.length;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const Tag = `h${level}` as "h2";
      const id = heading[2]
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
      out.push(
        <Tag key={key} id={id}>
          {inline(heading[2])}
        </Tag>,
      );
      i++;
    } else if (line.startsWith("```")) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      i++;
      out.push(<pre key={key}>{code.join("\n")}</pre>);
    } else if (line.trimStart().startsWith("|")) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].trimStart().startsWith("|"); i++)
        if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i])) rows.push(cells(lines[i]));
      const [head, ...body] = rows;
      out.push(
        <div key={key} className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                {head.map((c, j) => (
                  <th key={j}>{inline(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, k) => (
                <tr key={k}>
                  {r.map((c, j) => (
                    <td key={j}>{inline(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
    } else if (/^\s*([-*]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && lines[i].trim(); i++) {
        if (/^\s*([-*]|\d+\.)\s/.test(lines[i])) items.push(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ""));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      const List = ordered ? "ol" : "ul";
      out.push(
        <List key={key}>
          {items.map((item, j) => (
            <li key={j}>{inline(item)}</li>
          ))}
        </List>,
      );
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() && !/^(#|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i]); i++)
        text.push(lines[i].trim());
      out.push(<p key={key}>{inline(text.join(" "))}</p>);
    }
  }
  return out;
}
