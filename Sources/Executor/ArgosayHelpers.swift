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

/// Go's `time.ParseDuration`: a sequence of decimal numbers with units `ns`, `us` (`µs`), `ms`, `s`, `m`, `h`
/// (`1h2m3.5s`, `300ms`, `-1s`); a bare `0` is allowed. argo-lite also takes a bare number of seconds (`10`).
public enum GoDuration {
    public static func parse(_ text: String) -> Duration? {
        var s = Substring(text)
        guard !s.isEmpty else { return nil }
        if let seconds = Double(s), seconds >= 0, !s.contains("e"), !s.contains("E") {
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        var sign = 1.0
        if s.first == "-" || s.first == "+" { sign = s.removeFirst() == "-" ? -1 : 1 }
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6),
                                         ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        var total = 0.0
        while !s.isEmpty {
            let number = s.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            s = s.dropFirst(number.count)
            // Longest unit first, so "ms" is not read as "m".
            guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { s.hasPrefix($0.0) }) else { return nil }
            s = s.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return .nanoseconds(Int64((sign * total).rounded()))
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
