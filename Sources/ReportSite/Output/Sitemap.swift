import Foundation

/// `/sitemap.xml`: the current pages with the day each last changed.
/// Superseded versions, history pages and redirects are left out.
enum Sitemap {
    static func render(_ graph: SiteGraph) -> OutputFile {
        var urls: [(path: String, lastmod: Day?)] = []
        let newest = graph.publications.compactMap { $0.metadata?.lastUpdated }.max()
        urls.append(("/", newest))
        for kind in DocumentKind.allCases where kind.isListed {
            urls.append(("/\(kind.folder)/", graph.documents(of: kind).compactMap { $0.metadata?.lastUpdated }.max()))
        }
        for document in graph.documents {
            var lastmod = document.metadata?.lastUpdated
            if case let .page(page) = document.content { lastmod = page.updated }
            urls.append((SiteGraph.path(of: document), lastmod))
        }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for url in urls.sorted(by: { $0.path < $1.path }) {
            xml += "<url><loc>\(escapeXML(graph.absoluteURL(url.path)))</loc>"
            if let lastmod = url.lastmod { xml += "<lastmod>\(lastmod.iso)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", data: Data(xml.utf8))
    }
}
