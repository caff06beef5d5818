import type { Metadata, Viewport } from "next";
import { publicOrigin } from "@/server/http/public-origin";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: await publicOrigin(),
    title: { default: "Eventloom", template: "%s · Eventloom" },
    description: "Design event-driven pipelines on a canvas and watch them run live.",
  };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fafb" },
    { media: "(prefers-color-scheme: dark)", color: "#181a20" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-full text-sm">{children}</body>
    </html>
  );
}
