/// Topics and organisations, as ways into the site: every published,
/// listed document that declares them, newest first.
extension SiteGraph {
    public struct Topic: Sendable {
        /// As first written (in path order), e.g. "MASH".
        public var name: String
        /// `/topics/<slug>/`.
        public var slug: String
        public var documents: [Document]
    }

    /// Every topic, by name.
    public var topics: [Topic] {
        // `publications` is already newest first, so each topic's documents
        // are too; the name is taken from the document first in path order.
        var byslug: [String: (topic: Topic, namedBy: String)] = [:]
        // A few names, written on thousands of documents: each slugged once.
        var slugs: [String: String] = [:]
        for document in publications {
            for name in document.metadata?.topics ?? [] {
                let slug: String
                if let known = slugs[name] {
                    slug = known
                } else {
                    slug = SiteGraph.topicSlug(name)
                    slugs[name] = slug
                }
                if byslug[slug] == nil {
                    byslug[slug] = (Topic(name: name, slug: slug, documents: []), document.path)
                } else if document.path < byslug[slug]!.namedBy {
                    byslug[slug]!.topic.name = name
                    byslug[slug]!.namedBy = document.path
                }
                byslug[slug]!.topic.documents.append(document)
            }
        }
        return byslug.values.map(\.topic).sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// Published documents of an organisation, newest first.
    public func documents(of organisation: SiteConfig.Organisation) -> [Document] {
        publications.filter { $0.metadata?.organisation == organisation.id }
    }

    /// "Child protection" → `child-protection`: letters and digits, hyphens between words.
    public static func topicSlug(_ name: String) -> String {
        let slug = Text.slug(name)
        return slug.isEmpty ? "topic" : slug
    }
}
