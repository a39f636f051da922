import Yams

/// `Content/site.yml`: who the site speaks for and how it is laid out.
public struct SiteConfig: Sendable {
    public struct Organisation: Sendable, Hashable, YAMLDecodable {
        public var id: String
        public var name: String

        public static func decode(_ node: Node, _ reader: YAMLReader) -> Organisation? {
            guard let fields = reader.fields(node, "an organisation (id and name)") else { return nil }
            let id: String? = fields.required("id")
            let name: String? = fields.required("name")
            fields.finish()
            guard let id, let name else { return nil }
            return Organisation(id: id, name: name)
        }
    }

    public struct Link: Sendable, Hashable, YAMLDecodable {
        public var title: String
        public var url: String
        /// Where the url is written in site.yml, for reporting a broken one.
        public var position: SourcePosition?

        public static func decode(_ node: Node, _ reader: YAMLReader) -> Link? {
            guard let fields = reader.fields(node, "a link (title and url)") else { return nil }
            let title: String? = fields.required("title")
            let url: String? = fields.required("url")
            let position = fields.node("url").flatMap(reader.position)
            fields.finish()
            guard let title, let url else { return nil }
            return Link(title: title, url: url, position: position)
        }
    }

    public struct Contact: Sendable, Hashable, YAMLDecodable {
        public var email: String?
        public var phone: String?
        public var address: String?

        public static func decode(_ node: Node, _ reader: YAMLReader) -> Contact? {
            guard let fields = reader.fields(node, "contact details") else { return nil }
            let contact = Contact(email: fields.optional("email"), phone: fields.optional("phone"),
                address: fields.optional("address"))
            fields.finish()
            return contact
        }
    }

    public var title: String
    public var description: String?
    /// The licence the content and data are published under.
    public var licence: Link?
    /// Absolute, ending in `/`.
    public var baseURL: String
    public var language: String
    public var organisations: [Organisation]
    public var navigation: [Link]
    public var footerLinks: [Link]
    public var contact: Contact?
    /// Site path of the accessibility statement, e.g. `/accessibility/`.
    public var accessibilityStatement: String
    public var accessibilityStatementPosition: SourcePosition?

    /// The path part of the base URL (`https://host/opcc/` → `/opcc/`), from
    /// `override` when given (the `--base-url` option).
    public func basePath(override: String? = nil) -> String {
        let url = override ?? baseURL
        guard let schemeEnd = url.range(of: "://") else { return "/" }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
        let path = String(afterScheme[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    public func organisation(_ id: String) -> Organisation? {
        organisations.first { $0.id == id }
    }

    /// Reads and checks `site.yml`; nil after reporting problems.
    public static func load(_ file: SourceFile) -> (SiteConfig?, [Diagnostic]) {
        let reader = YAMLReader(file: file.path, firstLine: 1)
        guard let root = reader.compose(file.text) else {
            if !reader.diagnostics.hasErrors {
                reader.error(at: SourcePosition(line: 1, column: 1), "site.yml is empty",
                    note: "it needs at least title, base_url, organisations and accessibility_statement")
            }
            return (nil, reader.diagnostics.all)
        }
        guard let fields = reader.fields(root, "site.yml") else { return (nil, reader.diagnostics.all) }
        let title: String? = fields.required("title")
        let description: String? = fields.optional("description")
        let baseURL: String? = fields.required("base_url")
        let language: String? = fields.optional("language")
        let organisations: [Organisation]? = fields.required("organisations")
        let navigation: [Link]? = fields.optional("navigation")
        let footerLinks: [Link]? = fields.optional("footer_links")
        let contact: Contact? = fields.optional("contact")
        let licence: Link? = fields.optional("licence")
        let statement: String? = fields.required("accessibility_statement")
        fields.finish()

        if let baseURL, let node = fields.node("base_url"),
            !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://"))
        {
            reader.error(node, "base_url must be an absolute http(s) address, e.g. https://opcc.example.org/")
        }
        if let organisations {
            var seen: Set<String> = []
            for organisation in organisations where !seen.insert(organisation.id).inserted {
                reader.error(fields.node("organisations"), "organisation id '\(organisation.id)' is used twice")
            }
        }
        if let statement, !statement.hasPrefix("/"), let node = fields.node("accessibility_statement") {
            reader.error(node, "accessibility_statement must be a site path starting with '/', e.g. /accessibility/")
        }
        guard !reader.diagnostics.hasErrors, let title, let baseURL, let organisations, let statement else {
            return (nil, reader.diagnostics.all)
        }
        let config = SiteConfig(
            title: title, description: description, licence: licence,
            baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/",
            language: language ?? "en-GB", organisations: organisations,
            navigation: navigation ?? [], footerLinks: footerLinks ?? [], contact: contact,
            accessibilityStatement: statement,
            accessibilityStatementPosition: fields.node("accessibility_statement").flatMap(reader.position))
        return (config, reader.diagnostics.all)
    }
}
