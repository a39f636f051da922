/// Copies the site's static assets (`Templates/assets/`) into the output.
enum Assets {
    static let folder = "\(TemplateLibrary.folder)/assets"

    static func collect(from fileSystem: FileSystem, into diagnostics: inout DiagnosticBag) -> [OutputFile] {
        let paths = (try? fileSystem.files(under: folder)) ?? []
        var files: [OutputFile] = []
        for path in paths where !(path.split(separator: "/").last ?? "").hasPrefix(".") {
            do {
                let data = try fileSystem.read(path)
                files.append(OutputFile(path: "assets/" + path.dropFirst(folder.count + 1), data: data))
            } catch {
                diagnostics.append(ContentLoader.asDiagnostic(error, path: path))
            }
        }
        return files
    }
}
