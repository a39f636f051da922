import Foundation

/// Server-side redirects for moved documents, for hosts that support them.
/// Every old address also gets a redirect page, so plain static hosts work too.
enum Redirects {
    static func pairs(_ graph: SiteGraph) -> [(from: String, to: String)] {
        graph.documents.flatMap { document in
            (document.metadata?.movedFrom ?? []).map { (graph.href($0.sitePath), graph.href(SiteGraph.path(of: document))) }
        }.sorted { $0.from < $1.from }
    }

    /// `_redirects` (Netlify, Cloudflare Pages) and `redirects.nginx.conf`
    /// (for an nginx `server` block: `include /path/to/redirects.nginx.conf;`).
    static func render(_ graph: SiteGraph) -> [OutputFile] {
        let pairs = pairs(graph)
        guard !pairs.isEmpty else { return [] }
        let netlify = pairs.map { "\($0.from) \($0.to) 301\n" }.joined()
        let nginx = "# Moved documents: include this file in the site's nginx server block.\n"
            + pairs.map { "location = \($0.from) { return 301 \($0.to); }\n" }.joined()
        return [
            OutputFile(path: "_redirects", data: Data(netlify.utf8)),
            OutputFile(path: "redirects.nginx.conf", data: Data(nginx.utf8)),
        ]
    }
}
