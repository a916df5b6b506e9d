/// A place in a source file: 1-based line and column, as editors show them.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String?
    public var line: Int
    public var column: Int
    public init(file: String? = nil, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One problem found in user input: where it is (file, line, column), which field (`spec.templates[2].dag`),
/// and what is wrong and how to fix it. Prints as `FILE:LINE:COL: FIELD: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation?
    public var path: String?
    public var message: String

    public init(_ message: String, path: String? = nil, at location: SourceLocation? = nil) {
        self.message = message
        self.path = path
        self.location = location
    }

    public var description: String {
        var parts: [String] = []
        if let l = location {
            parts.append("\(l.file ?? "<input>"):\(l.line):\(l.column)")
        }
        if let p = path, !p.isEmpty { parts.append(p) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// Several diagnostics at once (lint reports every problem, not only the first).
public struct Diagnostics: Error, Sendable, Hashable, CustomStringConvertible {
    public var items: [Diagnostic]
    public init(_ items: [Diagnostic]) { self.items = items }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
