import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Listed among the subcommands for `reportsite --help`; `reportsite serve`
/// itself is run by `reportsite-serve` (see `ServeHandover`).
struct ServeListing: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Preview the site while you write.")
}

/// `reportsite serve …` and `reportsite help serve` hand over to the program
/// `reportsite-serve` beside this one, with the same arguments. The preview
/// server is built apart (see Package.swift) so that `build` and `check`,
/// run on every save, do not load its networking libraries.
enum ServeHandover {
    /// The arguments for `reportsite-serve` when `arguments` (this
    /// process's, program name first) ask for the preview; nil otherwise.
    static func arguments(_ arguments: [String]) -> [String]? {
        let rest = Array(arguments.dropFirst())
        if rest.first == "serve" { return Array(rest.dropFirst()) }
        if rest.count == 2, rest[0] == "help", rest[1] == "serve" { return ["--help"] }
        return nil
    }

    /// Replaces this process with `reportsite-serve`; returns only if that
    /// could not be done, after saying why.
    static func run(_ arguments: [String]) -> Never {
        let program = serveProgram()
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("""
            reportsite: error: could not start the preview server \(program): \(reason)
            note: `reportsite serve` runs reportsite-serve, which is built beside reportsite \
            (bash build.sh builds both); keep the two in the same folder

            """.utf8))
        exit(2)
    }

    /// `reportsite-serve` in the folder of this process's executable.
    private static func serveProgram() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0
            ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : (Bundle.main.executablePath ?? CommandLine.arguments[0])
        return URL(filePath: executable).deletingLastPathComponent().appending(path: "reportsite-serve").path(percentEncoded: false)
    }
}
