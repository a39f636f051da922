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
        var byslug: [String: Topic] = [:]
        for document in publications.sorted(by: { $0.path < $1.path }) {
            for name in document.metadata?.topics ?? [] {
                let slug = SiteGraph.topicSlug(name)
                byslug[slug, default: Topic(name: name, slug: slug, documents: [])].documents.append(document)
            }
        }
        return byslug.values.map { topic in
            var topic = topic
            topic.documents.sort(by: SiteGraph.newestFirst)
            return topic
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
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
