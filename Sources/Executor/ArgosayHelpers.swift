import Templates
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

extension Argosay {
    /// `/bin/sh -c LINE` with its output on the given descriptors; the exit code (128 + signal if signalled).
    static func runShell(_ line: String, stdout: Int32, stderr: Int32) async -> Int32 {
        do {
            let result = try await Subprocess.run(
                .path(FilePath("/bin/sh")), arguments: ["-c", line],
                output: .fileDescriptor(FileDescriptor(rawValue: stdout), closeAfterSpawningProcess: false),
                error: .fileDescriptor(FileDescriptor(rawValue: stderr), closeAfterSpawningProcess: false))
            switch result.terminationStatus {
            case .exited(let code): return code
            case .signaled(let signal): return 128 + signal
            }
        } catch {
            return 127
        }
    }
}

/// argosay's `sleep` duration: Go's `time.ParseDuration` (`GoDurationText`, with its error text), and, beyond Go, a
/// bare number of seconds (`10`).
public enum SleepDuration {
    public static func parse(_ text: String) -> Result<Duration, GoDurationText.Failure> {
        if let seconds = Double(text), seconds >= 0, !text.contains("e"), !text.contains("E") {
            return .success(.nanoseconds(Int64((seconds * 1e9).rounded())))
        }
        return GoDurationText.parse(text).map { .nanoseconds($0) }
    }
}

/// The speech bubble and whale of `docker/whalesay`'s `cowsay`, so the hello-world examples work without
/// installing anything. Lines wrap at 40 columns, as cowsay does by default.
public enum Cowsay {
    public static func render(_ message: String) -> String {
        let lines = wrap(message, width: 40)
        let width = lines.map(\.count).max() ?? 0
        var out = " " + String(repeating: "_", count: width + 2) + " \n"
        if lines.count == 1 {
            out += "< \(lines[0]) >\n"
        } else {
            for (i, line) in lines.enumerated() {
                let pad = line + String(repeating: " ", count: width - line.count)
                let (l, r) = i == 0 ? ("/", "\\") : (i == lines.count - 1 ? ("\\", "/") : ("|", "|"))
                out += "\(l) \(pad) \(r)\n"
            }
        }
        out += " " + String(repeating: "-", count: width + 2) + " \n"
        out += #"""
    \
     \
      \
                    ##        .
              ## ## ##       ==
           ## ## ## ##      ===
       /""""""""""""""""___/ ===
  ~~~ {~~ ~~~~ ~~~ ~~~~ ~~ ~ /  ===- ~~~
       \______ o          __/
        \    \        __/
          \____\______/

"""#
        return out
    }

    static func wrap(_ message: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in message.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word }
            else if current.count + 1 + word.count <= width { current += " " + word }
            else { lines.append(current); current = word }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
