import CYAML

/// YAML in: text → one `YAMLNode` per document, built from libyaml's event parser.
public enum YAML {
    /// Limits that keep hostile input from exhausting the stack or memory.
    public struct Limits: Sendable {
        /// Deepest nesting of sequences and mappings allowed.
        public var maxDepth: Int
        /// Most nodes one document may hold once aliases are expanded (stops "billion laughs" alias bombs).
        public var maxNodes: Int
        public init(maxDepth: Int = 512, maxNodes: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }
    }

    /// Loads every document of a YAML stream. A stream with no documents (empty, or only comments) gives `[]`;
    /// a document with nothing after `---` gives an empty plain scalar (null).
    public static func load(_ text: String, file: String? = nil, limits: Limits = Limits()) throws(Diagnostic)
        -> [YAMLNode]
    {
        try load(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// Loads raw bytes (UTF-8, or UTF-16 with a byte-order mark); invalid encodings are a diagnostic.
    public static func load(bytes: [UInt8], file: String? = nil, limits: Limits = Limits()) throws(Diagnostic)
        -> [YAMLNode]
    {
        var builder = YAMLTreeBuilder(file: file, limits: limits)
        var buffer = bytes
        let count = buffer.count
        buffer.append(0)  // libyaml asserts on a NULL input pointer, which an empty array would give
        let result: Result<[YAMLNode], Diagnostic> = buffer.withUnsafeBufferPointer { buf in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(Diagnostic("cannot initialize the YAML parser (out of memory)"))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(parserError(&parser, file: file))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return .success(builder.documents) }
                do throws(Diagnostic) {
                    try builder.handle(&event)
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// The first document of a stream; an empty stream is an error.
    public static func loadFirst(_ text: String, file: String? = nil) throws(Diagnostic) -> YAMLNode {
        guard let first = try load(text, file: file).first else {
            throw Diagnostic("no YAML document found", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return first
    }

    private static func parserError(_ parser: inout yaml_parser_t, file: String?) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let mark = parser.problem_mark
        var message = problem
        if parser.error == YAML_READER_ERROR {
            message = "invalid text encoding: \(problem)"
            if parser.problem_offset > 0 { message += " at byte \(parser.problem_offset)" }
            // the reader reports no useful line for encoding errors; the byte offset says where.
            return Diagnostic(message, at: SourceLocation(file: file, line: 1, column: 1))
        }
        if parser.error == YAML_MEMORY_ERROR { message = "out of memory while parsing YAML" }
        return Diagnostic(
            message, at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
}
