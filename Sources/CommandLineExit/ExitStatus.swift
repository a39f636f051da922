import ArgumentParser
import Foundation

extension AsyncParsableCommand {
    /// Parses the arguments and runs the command, as ArgumentParser's
    /// `main` does, except that bad arguments exit 2 rather than 64
    /// (EX_USAGE): reportsite promises 0 for success, 1 for content errors
    /// and 2 for a bad call, so CI scripts can tell bad content from a bad
    /// call. Shared by `reportsite` and `reportsite-serve`.
    public static func runExitingTwoOnBadArguments() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
