import Controller
import Foundation

/// How output is decorated: argo's `--no-color` / `TERM=dumb` and `--no-utf8`, and the time zone times print in.
struct Style: Sendable {
    var color: Bool
    var utf8: Bool
    var timeZone: TimeZone

    init(color: Bool = true, utf8: Bool = true, timeZone: TimeZone = .current) {
        self.color = color
        self.utf8 = utf8
        self.timeZone = timeZone
    }

    /// Plain text, UTF-8 symbols, UTC: what tests pin.
    static let plain = Style(color: false, utf8: true, timeZone: TimeZone(secondsFromGMT: 0) ?? .current)

    enum Code: Int {
        case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36, white = 37, `default` = 39
    }

    /// argo's `ansiFormat`: always applied when colour is on, even with the default colour, so that tab-aligned
    /// columns count the same number of escape characters on every row.
    func ansi(_ s: String, _ code: Code) -> String {
        color ? "\u{1B}[\(code.rawValue)m\(s)\u{1B}[0m" : s
    }

    /// argo's `ansiColorCode`: a stable colour per pod name in `logs`.
    static func colorCode(for s: String) -> Code {
        let sum = s.unicodeScalars.reduce(0) { $0 + Int($1.value) }
        let colors: [Code] = [.green, .yellow, .blue, .magenta, .cyan, .white]
        return colors[sum % colors.count]
    }

    /// The icon argo prints before a node of this phase (`JobStatusIconMap`).
    func phaseIcon(_ phase: String?) -> String {
        switch phase {
        case "Pending": return ansi(utf8 ? "◷" : "Pending", .yellow)
        case "Running": return ansi(utf8 ? "●" : "Running", .cyan)
        case "Succeeded": return ansi(utf8 ? "✔" : "Succeeded", .green)
        case "Skipped": return ansi(utf8 ? "○" : "Skipped", .default)
        case "Failed": return ansi(utf8 ? "✖" : "Failed", .red)
        case "Error": return ansi(utf8 ? "⚠" : "Error", .red)
        default: return ""
        }
    }

    /// The icon for a Suspend node that is waiting (`NodeTypeIconMap`).
    var suspendIcon: String { ansi(utf8 ? "ǁ" : "Suspend", .cyan) }

    /// The icon for a workflow condition (`WorkflowConditionIconMap`).
    func conditionIcon(_ type: String?) -> String {
        switch type {
        case "MetricsError": return ansi(utf8 ? "✖" : "Error", .red)
        case "SpecWarning": return ansi(utf8 ? "⚠" : "Warning", .yellow)
        default: return ""
        }
    }
}
