import { isValidElement, type ReactNode } from "react";

/** An element as the image renderer reads it: tag, props and children, nothing React-only. */
export interface PlainElement {
  type: string;
  props: Record<string, unknown> & { children?: PlainNode };
}
export type PlainNode = PlainElement | string | number | null | PlainNode[];

/**
 * Turns a tree of intrinsic JSX elements (div, svg, line, …) into plain objects that survive
 * structured cloning, so a picture described in JSX here can be drawn in another process.
 * Components are not allowed: the tree must already be what is drawn.
 */
export function plainElement(node: ReactNode): PlainNode {
  if (node === null || node === undefined || typeof node === "boolean") return null;
  if (typeof node === "string" || typeof node === "number") return node;
  if (Array.isArray(node)) return node.map((child: ReactNode) => plainElement(child));
  if (isValidElement(node) && typeof node.type === "string") {
    const { children, ...props } = node.props as Record<string, unknown> & { children?: ReactNode };
    return { type: node.type, props: { ...props, children: plainElement(children) } };
  }
  throw new Error("a preview picture may hold only HTML and SVG elements, text and numbers");
}
