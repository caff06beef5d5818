import { notFound } from "next/navigation";
import { DocsFrame } from "@/components/docs/docs-frame";
import { Markdown } from "@/components/docs/markdown";
import { GUIDES, readGuide } from "@/server/services/guides";

export function generateStaticParams() {
  return GUIDES.map((g) => ({ slug: g.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return { title: GUIDES.find((g) => g.slug === slug)?.title ?? "Help" };
}

export default async function GuidePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const source = await readGuide(slug);
  if (source === null) notFound();
  return (
    <DocsFrame>
      <Markdown source={source} />
    </DocsFrame>
  );
}
