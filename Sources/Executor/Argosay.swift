#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `argoproj/argosay:v2`, the image Argo's own tests and examples use, implemented in argo-lite.
///
/// Matches the real program (`test/e2e/images/argosay/v2/main/argosay.go`):
/// - no arguments = `echo`; `echo` prints `hello argo`, `echo MSG` prints MSG, `echo MSG FILE` writes MSG
///   (no newline) to FILE, creating its directory. The real program prints with Go's `println`, which writes
///   to STANDARD ERROR: so does this one.
/// - `cat FILE...` copies files to standard output; `sleep DURATION` (Go duration: `10s`, `1m30s`, `500ms`);
///   `exit [CODE]` exits with CODE (no code, or `0`: success); `assert_contains FILE TEXT` fails unless FILE
///   contains TEXT.
/// - an error (unknown verb, wrong arguments, unreadable file) is a Go panic: `panic: MESSAGE` on standard
///   error and exit code 2.
/// argo-lite extensions: `sh COMMAND...` runs the words as one `/bin/sh -c` command line (exit code passed
/// through), and `cowsay MESSAGE...` draws the `docker/whalesay` whale.
public enum Argosay {
    public static let panicExitCode: Int32 = 2

    public struct Failure: Error, Equatable { public var message: String; public var exitCode: Int32 }

    /// Runs one invocation; returns the exit code. Output goes to the given descriptors.
    public static func run(_ args: [String], stdout: Int32 = 1, stderr: Int32 = 2) async -> Int32 {
        do {
            try await perform(args, stdout: stdout, stderr: stderr)
            return 0
        } catch let failure as Failure {
            if failure.exitCode == panicExitCode { writeAll(stderr, Array("panic: \(failure.message)\n".utf8)) }
            return failure.exitCode
        } catch {
            writeAll(stderr, Array("panic: \(error)\n".utf8))
            return panicExitCode
        }
    }

    static func perform(_ args: [String], stdout: Int32, stderr: Int32) async throws {
        let args = args.isEmpty ? ["echo"] : args
        let rest = Array(args.dropFirst())
        switch args[0] {
        case "assert_contains":
            guard rest.count == 2 else { throw panic("usage: assert_contains data string") }
            let data = try readFile(rest[0])
            guard data.contains(rest[1]) else {
                throw panic("expected \"\(rest[0])\" to contain \"\(rest[1])\", but was \"\(data)\"")
            }
        case "cat":
            for file in rest { writeAll(stdout, Array(try readFile(file).utf8)) }
        case "echo":
            switch rest.count {
            case 0: writeAll(stderr, Array("hello argo\n".utf8))
            case 1: writeAll(stderr, Array("\(rest[0])\n".utf8))
            case 2:
                let dir = parentDirectory(of: rest[1])
                if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                guard FileManager.default.createFile(atPath: rest[1], contents: Data(rest[0].utf8)) else {
                    throw panic("open \(rest[1]): \(String(cString: strerror(errno)).lowercased())")
                }
            default: throw panic("usage: argosay echo [string] [file]")
            }
        case "exit":
            if rest.count == 1 {
                guard let code = Int32(rest[0]) else { throw panic("strconv.Atoi: parsing \"\(rest[0])\": invalid syntax") }
                if code != 0 { throw Failure(message: "exit code \(code)", exitCode: code) }
            }
        case "sleep":
            guard rest.count == 1 else { throw panic("usage: argosay sleep duration") }
            switch SleepDuration.parse(rest[0]) {
            case .success(let duration): try await Task.sleep(for: duration)
            case .failure(let error): throw panic(error.description)
            }
        case "sh":
            let status = await runShell(rest.joined(separator: " "), stdout: stdout, stderr: stderr)
            if status != 0 { throw Failure(message: "exit code \(status)", exitCode: status) }
        case "cowsay":
            writeAll(stdout, Array(Cowsay.render(rest.joined(separator: " ")).utf8))
        default:
            throw panic("usage: argosay [assert_contains file string|cat [file...]|echo [string] [file]|sleep duration|exit [code]]")
        }
    }

    private static func panic(_ message: String) -> Failure { Failure(message: message, exitCode: panicExitCode) }

    private static func readFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw panic("open \(path): no such file or directory")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
