import Foundation

/// `/feed.xml`: an Atom entry for every first publication and every major
/// change (with its change note), newest first.
enum Feed {
    struct Entry {
        let id: String
        let title: String
        let url: String
        let date: Day
        let summary: String
        let category: String
    }

    static func entries(_ graph: SiteGraph) -> [Entry] {
        var entries: [Entry] = []
        let host = graph.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? "localhost"
        for document in graph.documents where document.kind.isListed {
            guard let metadata = document.metadata else { continue }
            let path = SiteGraph.path(of: document)
            // tag: URIs stay the same when the site moves host (RFC 4151).
            func id(_ version: Int) -> String { "tag:\(host),\(metadata.published.iso):\(path)v\(version)" }
            entries.append(Entry(
                id: id(1), title: document.title, url: graph.absoluteURL(path), date: metadata.published,
                summary: document.summary ?? "", category: document.kind.singular))
            for version in document.versions {
                entries.append(Entry(
                    id: id(version.number + 1), title: "\(document.title) (updated)", url: graph.absoluteURL(path),
                    date: version.supersededOn, summary: version.note, category: document.kind.singular))
            }
        }
        return entries.sorted { ($0.date, $1.id) > ($1.date, $0.id) }
    }

    static func render(_ graph: SiteGraph) -> OutputFile {
        let entries = entries(graph)
        let updated = entries.map(\.date).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escapeXML(graph.config.language))">
            <title>\(escapeXML(graph.config.title))</title>

            """
        if let description = graph.config.description { xml += "<subtitle>\(escapeXML(description))</subtitle>\n" }
        xml += """
            <id>\(escapeXML(graph.baseURL))</id>
            <link rel="self" type="application/atom+xml" href="\(escapeXML(graph.absoluteURL("/feed.xml")))"/>
            <link rel="alternate" type="text/html" href="\(escapeXML(graph.baseURL))"/>
            <updated>\(updated)</updated>
            <author><name>\(escapeXML(graph.config.title))</name></author>

            """
        for entry in entries {
            xml += """
                <entry>
                <id>\(escapeXML(entry.id))</id>
                <title>\(escapeXML(entry.title))</title>
                <link rel="alternate" type="text/html" href="\(escapeXML(entry.url))"/>
                <published>\(entry.date.rfc3339)</published>
                <updated>\(entry.date.rfc3339)</updated>
                <category term="\(escapeXML(entry.category))"/>
                <summary>\(escapeXML(entry.summary))</summary>
                </entry>

                """
        }
        xml += "</feed>\n"
        return OutputFile(path: "feed.xml", data: Data(xml.utf8))
    }
}
