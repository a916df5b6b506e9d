import CYAML

/// Interim input layer of the linter: YAML text → documents with positions. It reads YAML with libyaml into a
/// JSON tree and remembers where each node starts. To be replaced by the project's YAML loader and strict
/// decoder (`Sources/Templates/YAML`) when they land; the linter only uses `loadLintDocuments`,
/// `LoadedLintDocument` and `DocumentLocator`.

/// Where the nodes of one document are: field path → position.
struct DocumentLocator: Sendable {
    var file: String
    var positions: [FieldPath: (line: Int, column: Int)] = [:]

    /// The position of the deepest node on `path` that exists.
    func location(of path: FieldPath) -> SourceLocation? {
        var p = path
        while true {
            if let pos = positions[p] { return SourceLocation(file: file, line: pos.line, column: pos.column) }
            if p.components.isEmpty { return nil }
            p.components.removeLast()
        }
    }
}

struct LoadedLintDocument: Sendable {
    var value: JSONValue
    var locator: DocumentLocator

    /// Unknown fields and type mismatches, as strict decoding reports them.
    func strictErrors(for kind: LintObject.Kind) -> [(message: String, path: FieldPath, location: SourceLocation?)] {
        []
    }
}

/// Every document of `text`; a YAML syntax error is a finding of its own.
func loadLintDocuments(text: String, file: String) -> (documents: [LoadedLintDocument], problems: [LintFinding]) {
    var reader = LintYAMLReader(file: file)
    return reader.read(text)
}

private struct LintYAMLReader {
    let file: String
    var documents: [LoadedLintDocument] = []
    var problems: [LintFinding] = []
    var anchors: [String: JSONValue] = [:]
    var locator: DocumentLocator

    init(file: String) {
        self.file = file
        locator = DocumentLocator(file: file)
    }

    mutating func read(_ text: String) -> (documents: [LoadedLintDocument], problems: [LintFinding]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return ([], []) }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buf in
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            parseStream(&parser)
        }
        return (documents, problems)
    }

    private mutating func next(_ parser: inout yaml_parser_t) -> yaml_event_t? {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
            let mark = parser.problem_mark
            problems.append(LintFinding(
                file: file, object: "\"object #\(documents.count + 1)\" (YAML)", message: "error converting YAML to JSON: \(problem)",
                location: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)))
            return nil
        }
        return event
    }

    private mutating func parseStream(_ parser: inout yaml_parser_t) {
        while var event = next(&parser) {
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT: return
            case YAML_DOCUMENT_START_EVENT:
                locator = DocumentLocator(file: file)
                anchors = [:]
                guard let root = parseNode(&parser, path: FieldPath(), depth: 0) else { return }
                if !root.isNull { documents.append(LoadedLintDocument(value: root, locator: locator)) }
            default: continue
            }
        }
    }

    /// The next node (nil on a syntax error or at a collection's end, signalled by `ended`).
    private mutating func parseNode(_ parser: inout yaml_parser_t, path: FieldPath, depth: Int) -> JSONValue? {
        guard var event = next(&parser) else { return nil }
        defer { yaml_event_delete(&event) }
        return node(from: &event, &parser, path: path, depth: depth)
    }

    private mutating func node(
        from event: inout yaml_event_t, _ parser: inout yaml_parser_t, path: FieldPath, depth: Int
    ) -> JSONValue? {
        guard depth < 256 else { return nil }
        let mark = event.start_mark
        let record = { (l: inout DocumentLocator) in l.positions[path] = (Int(mark.line) + 1, Int(mark.column) + 1) }
        switch event.type {
        case YAML_SCALAR_EVENT:
            record(&locator)
            let s = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let v = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil ? resolvePlain(text) : .string(text)
            if let a = s.anchor { anchors[String(cString: a)] = v }
            return v
        case YAML_ALIAS_EVENT:
            record(&locator)
            return anchors[String(cString: event.data.alias.anchor)] ?? .null
        case YAML_SEQUENCE_START_EVENT:
            record(&locator)
            let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
            var items: [JSONValue] = []
            while var e = next(&parser) {
                defer { yaml_event_delete(&e) }
                if e.type == YAML_SEQUENCE_END_EVENT { break }
                guard let v = node(from: &e, &parser, path: path / items.count, depth: depth + 1) else { return nil }
                items.append(v)
            }
            if let a = anchor { anchors[a] = .array(items) }
            return .array(items)
        case YAML_MAPPING_START_EVENT:
            record(&locator)
            let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
            var object = JSONObject()
            while var k = next(&parser) {
                defer { yaml_event_delete(&k) }
                if k.type == YAML_MAPPING_END_EVENT { break }
                guard let key = node(from: &k, &parser, path: path / "<key>", depth: depth + 1) else { return nil }
                let keyText = key.argoString
                if keyText == "<<" {
                    guard let merged = parseNode(&parser, path: path, depth: depth + 1) else { return nil }
                    for (mk, mv) in merged.objectValue ?? [:] where object[mk] == nil { object[mk] = mv }
                    continue
                }
                guard let v = parseNode(&parser, path: path / keyText, depth: depth + 1) else { return nil }
                object[keyText] = v
            }
            if let a = anchor { anchors[a] = .object(object) }
            return .object(object)
        default:
            return .null
        }
    }

    private func resolvePlain(_ s: String) -> JSONValue {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int64(s) { return .int(i) }
        if s.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true, let d = Double(s) { return .double(d) }
        return .string(s)
    }
}
